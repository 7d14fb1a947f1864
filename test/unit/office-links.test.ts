// The small rules behind the office's links and lists: where a link points, the same token from
// the same claims, the office contact on a page, a time as an office reads it.
import { afterEach, describe, expect, it } from 'vitest';
import { signTokenWith, verifyToken } from '../../shared/auth/tokens.ts';
import { resetEnv } from '../../shared/env.ts';
import { formatDateTimeVn } from '../../shared/format/vietnamese.ts';
import { publicBaseUrl } from '../../shared/http/base-url.ts';
import { withOfficeContact } from '../../shared/pages/office-contact.ts';

type Event = Parameters<typeof publicBaseUrl>[0];
const event = (headers: Record<string, string>, domainName = 'abc123.execute-api.ap-southeast-1.amazonaws.com'): Event =>
  ({ headers, requestContext: { domainName } }) as unknown as Event;

describe('the base of the access links', () => {
  afterEach(() => {
    delete process.env.PUBLIC_BASE_URL;
    resetEnv();
  });

  it('is the address the request came to: API Gateway’s https, the embedded server’s plain http', () => {
    expect(publicBaseUrl(event({ host: 'abc123.execute-api.ap-southeast-1.amazonaws.com', 'x-forwarded-proto': 'https' }))).toBe('https://abc123.execute-api.ap-southeast-1.amazonaws.com');
    expect(publicBaseUrl(event({ host: '127.0.0.1:3000' }, '127.0.0.1:3000'))).toBe('http://127.0.0.1:3000');
    expect(publicBaseUrl(event({ host: '[::1]:3000' }, '[::1]:3000'))).toBe('http://[::1]:3000');
  });

  it('follows a proxy in front, and never takes a header that is not a plain host', () => {
    expect(publicBaseUrl(event({ host: 'internal:3000', 'x-forwarded-host': 'tongket.laichau.gov.vn, proxy.local', 'x-forwarded-proto': 'https,http' }))).toBe('https://tongket.laichau.gov.vn');
    expect(publicBaseUrl(event({ host: 'evil.example/path?x=1', 'x-forwarded-proto': 'javascript' }))).toBe('http://abc123.execute-api.ap-southeast-1.amazonaws.com');
    expect(publicBaseUrl(event({ host: 'user@evil.example' }, ''))).toBe('http://localhost');
  });

  it('is PUBLIC_BASE_URL when the deployment sets it, without a trailing slash', () => {
    process.env.PUBLIC_BASE_URL = 'https://tongket.laichau.gov.vn/bao-cao/';
    resetEnv();
    expect(publicBaseUrl(event({ host: '127.0.0.1:3000' }))).toBe('https://tongket.laichau.gov.vn/bao-cao');
    process.env.PUBLIC_BASE_URL = 'tongket.laichau.gov.vn';
    resetEnv();
    expect(() => publicBaseUrl(event({}))).toThrow(/PUBLIC_BASE_URL/);
  });
});

describe('a stable link', () => {
  it('is the same token whenever the same claims are signed again, and verifies with them', async () => {
    const key = { kid: 'k1', secret: new TextEncoder().encode('x'.repeat(64)) };
    const iat = Math.floor(Date.now() / 1000);
    const claims = { jti: 'c0ffee00-0000-4000-8000-000000000001', iat, exp: iat + 365 * 86_400 };
    const a = await signTokenWith({ role: 'association', association: 'LC-CTD' }, key, claims);
    const b = await signTokenWith({ role: 'association', association: 'LC-CTD' }, key, { ...claims });
    expect(b).toBe(a);
    const verified = await verifyToken(a, () => key.secret);
    expect(verified).toMatchObject({ principal: { role: 'association', association: 'LC-CTD' }, ...claims, kid: 'k1' });
    await expect(signTokenWith({ role: 'reviewer', unit: 'LC' }, key, { ...claims, exp: iat + 401 * 86_400 })).rejects.toThrow(/400 days/);
  });
});

describe('the office contact on a page', () => {
  const page = '<!doctype html>\n<html lang="vi">\n<head></head>\n<body class="wide">\n<main></main>\n</body>\n</html>\n';

  it('is written as escaped attributes of <body>, one line, NFC', () => {
    const html = withOfficeContact(page, { name: ' Văn phòng "Ban"\n<Dân vận> '.normalize('NFD'), phone: '0213 3876 543' });
    expect(html).toContain('<body data-office-name="Văn phòng &quot;Ban&quot; &lt;Dân vận&gt;" data-office-phone="0213 3876 543" class="wide">');
    expect(html.match(/<body/g)).toHaveLength(1);
  });

  it('leaves the page as it is when the deployment sets none', () => {
    expect(withOfficeContact(page, {})).toBe(page);
    expect(withOfficeContact(page, { name: '   ' })).toBe(page);
    expect(withOfficeContact('<body>x</body>', { phone: '0213 3876 543' })).toBe('<body data-office-phone="0213 3876 543">x</body>');
  });
});

describe('a submission time in a download', () => {
  it('is written dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh', () => {
    expect(formatDateTimeVn('2020-12-14T17:05:00.000Z')).toBe('15/12/2020 00:05');
    expect(formatDateTimeVn('2020-01-02T03:04:59Z')).toBe('02/01/2020 10:04');
  });
});
