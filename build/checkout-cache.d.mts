export declare const CHECKOUT_ROOT: string;
export declare const CHECKOUT_CACHE_DIR: string;
export declare const USER_CACHE_DIR: string;
export declare function checkoutCacheDir(dir?: string, checkoutRoot?: string): string;
export declare function realPath(dir: string): string;
