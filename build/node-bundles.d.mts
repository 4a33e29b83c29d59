export declare const NODE_BUNDLE_DIRS: string[];
export declare function nodeBundle(name: 'cli' | 'engine' | 'vu-host'): Promise<string>;
export declare function buildNodeBundles(): Promise<void>;
