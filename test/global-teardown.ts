export default async function globalTeardown(): Promise<void> {
  await globalThis.__XINSHENG_STACK__?.stop();
}
