/** absolute path → [size, mtimeMs] */
export type FileStamps = Record<string, [number, number]>;
export declare function stampsOf(files: string[]): FileStamps;
export declare function unchanged(stamps: FileStamps): boolean;
export declare function readManifest(file: string, key: string): ({ key: string } & Record<string, any>) | undefined;
export declare function writeManifest(file: string, manifest: { key: string } & Record<string, unknown>): void;
export declare function esbuildVersion(): string;
