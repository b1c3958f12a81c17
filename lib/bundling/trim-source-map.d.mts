/** A version 3 source map, as esbuild writes it. */
export interface SourceMapV3 {
  version: number;
  sources: string[];
  names: string[];
  mappings: string;
  sourcesContent?: (string | null)[];
}

export declare const isOwnSource: (source: string) => boolean;

export declare function keepOwnSources<M extends SourceMapV3>(map: M): M;
