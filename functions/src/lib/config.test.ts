import { loadConfig } from './config';

describe('loadConfig', () => {
  it('runs locally with nothing set', () => {
    expect(loadConfig({}).XS_MAIN_TABLE).toBe('xinsheng-local-main');
  });
  it('refuses the local data key outside the local stage', () => {
    expect(() => loadConfig({ XS_STAGE: 'prod' })).toThrow(/XS_DATA_KEY/);
    expect(loadConfig({ XS_STAGE: 'prod', XS_DATA_KEY: Buffer.alloc(32, 7).toString('base64') }).XS_STAGE).toBe('prod');
  });
  it('names what is wrong', () => {
    expect(() => loadConfig({ XS_DATA_KEY: 'c2hvcnQ=' })).toThrow(/XS_DATA_KEY must be 32 bytes/);
    expect(() => loadConfig({ XS_WECHAT_BASE_URL: 'not a url' })).toThrow(/XS_WECHAT_BASE_URL/);
  });
});
