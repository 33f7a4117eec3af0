// Types of bin/compiled.js (plain JavaScript: bin/perspectief.js runs it before anything is compiled).
export declare const MANIFEST: string;
export declare const ENTRY: string;
export declare function compiledEntry(distDir: string): { entry: string } | { reason: string };
