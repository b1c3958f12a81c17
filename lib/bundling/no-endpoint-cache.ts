/**
 * Stands in for `@aws-sdk/endpoint-cache` and the LRU cache it brings (mnemonist, obliterator: 7.7 KB of
 * each bundle). DynamoDB's client makes one for endpoint discovery in its config, but no command of the
 * pinned SDK consults it: they carry no endpoint-discovery middleware. Should a later SDK ask it for a
 * discovered endpoint, there is none; anything that would fill it fails with this message rather than
 * misbehave.
 */
const unsupported = (): never => {
  throw new Error(
    "DynamoDB endpoint discovery is not bundled into the bridge's functions (lib/bundling/no-endpoint-cache.ts)",
  );
};

export class EndpointCache {
  getEndpoint(_key: string): undefined {
    return undefined;
  }
  get(_key: string): never {
    return unsupported();
  }
  set(_key: string, _endpoints: unknown): never {
    return unsupported();
  }
  delete(_key: string): never {
    return unsupported();
  }
  has(_key: string): never {
    return unsupported();
  }
  clear(): void {}
}
