import { EndpointRefused, checkEndpoint, isPublicAddress } from './address-guard';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['203.0.114.1', true],
    ['100.63.255.255', true],
    ['100.128.0.1', true],
    ['172.15.255.255', true],
    ['172.32.0.1', true],
    ['2606:4700:4700::1111', true],
    ['2400:3200::1', true],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['0.0.0.0', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['100.64.0.1', false], // CGNAT
    ['100.127.255.254', false],
    ['169.254.169.254', false], // cloud metadata
    ['169.254.1.1', false],
    ['192.0.0.8', false],
    ['198.18.0.1', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['::1', false],
    ['::', false],
    ['::ffff:127.0.0.1', false], // IPv4-mapped loopback
    ['::ffff:7f00:1', false],
    ['::ffff:8.8.8.8', false], // IPv4-mapped at all: refused
    ['64:ff9b::a00:1', false], // NAT64 of 10.0.0.1
    ['fc00::1', false], // ULA
    ['fd12:3456::1', false],
    ['fe80::1', false], // link-local
    ['ff02::1', false],
    ['2001:db8::1', false],
    ['2002:a00:1::1', false], // 6to4 of 10.0.0.1
    ['2001:0:4136:e378::1', false], // Teredo
    ['not an address', false],
    ['localhost', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

const resolver = (answers: Record<string, string[]>) => async (host: string) => {
  const found = answers[host];
  if (!found) throw new Error('ENOTFOUND');
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('checkEndpoint', () => {
  const resolve = resolver({
    'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'mixed.example.com': ['93.184.215.14', '10.0.0.5'],
    'metadata.example.com': ['169.254.169.254'],
    'rebind.example.com': ['127.0.0.1'],
  });
  const deployed = { allowLoopback: false, resolve };
  const local = { allowLoopback: true, resolve };

  it.each([
    ['https://hooks.example.com/xinsheng', deployed, '93.184.215.14'],
    ['https://93.184.215.14:8443/in', deployed, '93.184.215.14'],
    ['https://[2606:4700:4700::1111]/in', deployed, '2606:4700:4700::1111'],
    ['http://127.0.0.1:9999/hook', local, '127.0.0.1'],
    ['http://[::1]:9999/hook', local, '::1'],
    ['https://hooks.example.com/x', local, '93.184.215.14'],
  ])('%s is allowed (connects to %s)', async (url, options, address) => {
    await expect(checkEndpoint(url, options)).resolves.toMatchObject({ address });
  });

  it.each([
    ['http://hooks.example.com/plain', deployed, 'https'],
    ['http://hooks.example.com/plain', local, 'https'],
    ['ftp://hooks.example.com/', deployed, 'https'],
    ['https://user:pw@hooks.example.com/', deployed, 'user name'],
    ['https://mixed.example.com/', deployed, 'public'],
    ['https://metadata.example.com/', deployed, 'public'],
    ['https://169.254.169.254/latest/meta-data/', deployed, 'public'],
    ['https://169.254.169.254/latest/meta-data/', local, 'public or loopback'],
    ['https://rebind.example.com/', deployed, 'public'],
    ['https://127.0.0.1/', deployed, 'public'],
    ['https://[::ffff:127.0.0.1]/', deployed, 'public'],
    ['https://[::ffff:a9fe:a9fe]/', deployed, 'public'],
    ['https://10.0.0.1/', local, 'public or loopback'],
    ['https://2130706433/', deployed, 'public'], // 127.0.0.1 as one number: the URL parser normalises it
    ['https://nowhere.example.com/', deployed, 'resolve'],
    ['not a url', deployed, 'URL'],
  ])('%s is refused (%s)', async (url, options, message) => {
    const refused = checkEndpoint(url, options);
    await expect(refused).rejects.toBeInstanceOf(EndpointRefused);
    await expect(refused).rejects.toThrow(message);
  });
});
