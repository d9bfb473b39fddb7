/** What `next build` reads: when one of these is newer than .next/BUILD_ID, the build is stale. */
export declare const BUILD_INPUTS: string[];
/** True when `<root>/.next` holds a production build at least as new as every build input. */
export declare function buildIsCurrent(root: string): boolean;
