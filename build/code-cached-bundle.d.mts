export declare function loadCodeCachedBundle(
  file: string,
  cacheName: string,
): { exports: any; cache: 'used' | 'refused' | 'none'; keepCodeCache(): void };
