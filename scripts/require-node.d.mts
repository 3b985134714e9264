export declare function isSupportedNode(version: string): boolean;
export declare function switchAdvice(version: string): string;
