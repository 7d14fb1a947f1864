import { describe, expect, it } from 'vitest';
import { isLoopbackHost, plaintextHostWarning } from '../../infra/local/runtime.ts';

describe('HOST beyond loopback', () => {
  it('is warned about: tokens would cross the network in clear text', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'tongket.lan', '10.0.0.5']) {
      const warning = plaintextHostWarning(host);
      expect(warning, host).toContain(`HOST=${host}`);
      expect(warning).toContain('không có TLS');
      expect(warning).toContain('without TLS');
      expect(warning).toContain('clear text');
    }
  });

  it('is not warned about on loopback', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(plaintextHostWarning(host), host).toBeNull();
    }
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false);
  });
});
