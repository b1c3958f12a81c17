/** The bundle with its module wrappers parenthesized, and its source map (if given) moved to match. */
export declare function eagerModuleWrappers<M extends { mappings: string }>(
  code: string,
  map?: M,
): { code: string; map: M | undefined; wrappers: number };
