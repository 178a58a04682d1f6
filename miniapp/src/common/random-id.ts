const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A random id of `length` characters from [0-9A-Za-z] (fits ZResponseRequest.clientResponseId).
 * Uses crypto.getRandomValues where it exists (browsers); the WeChat runtime has no
 * synchronous CSPRNG, and an id that only needs to be unique per invitation does not need one.
 */
export function randomId(length = 22, random: () => number = defaultRandom()): string {
  let id = ''
  for (let i = 0; i < length; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length) % ALPHABET.length]
  return id
}

function defaultRandom(): () => number {
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto
  if (cryptoApi?.getRandomValues) {
    return () => cryptoApi.getRandomValues!(new Uint32Array(1))[0] / 2 ** 32
  }
  return Math.random
}
