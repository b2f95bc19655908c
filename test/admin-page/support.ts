// A browser-less officer for the /admin page: real HTTP, the session cookie kept by hand,
// redirects not followed (the tests look at each 303).
import { hashApiKey } from '../../src/hub/officers/principal.js';
import type { TestHub } from '../support/hub.js';

export const ADMIN_KEY = 'admin-key-for-page-tests-0123456789';

export interface Answer {
  status: number;
  location: string | null;
  setCookie: string[];
  text: string;
}

export class PageClient {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly baseUrl: string) {}

  private async call(method: 'GET' | 'POST', path: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    return { status: res.status, location: res.headers.get('location'), setCookie: res.headers.getSetCookie(), text: await res.text() };
  }

  get(path: string, headers?: Record<string, string>): Promise<Answer> {
    return this.call('GET', path, undefined, headers);
  }

  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Answer> {
    return this.call('POST', path, form, headers);
  }

  /** a form post with this session's CSRF token */
  send(path: string, form: Record<string, string> = {}, headers?: Record<string, string>): Promise<Answer> {
    return this.post(path, { ...form, _csrf: this.csrf ?? '' }, headers);
  }

  /** signs in; keeps the cookie and reads the CSRF token off the inbox page */
  async signIn(key: string): Promise<Answer> {
    const answer = await this.post('/admin/login', { key });
    const session = answer.setCookie.find((c) => c.startsWith('lh_admin_session='));
    if (answer.status !== 303 || !session) throw new Error(`sign-in answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    this.cookie = session.split(';')[0];
    const inbox = await this.get('/admin/');
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(inbox.text)?.[1];
    if (!this.csrf) throw new Error('no CSRF token on the inbox page');
    return answer;
  }

  token(): string {
    return decodeURIComponent(this.cookie!.split('=')[1]!);
  }
}

/** A second agency with one officer, written straight to the database. */
export async function agencyWithOfficer(hub: TestHub, id: string, key: string): Promise<{ agencyId: string; officerId: string }> {
  await hub.prisma.agency.create({ data: { id, name: `Instansi ${id}`, connectorType: 'manual' } });
  const officer = await hub.prisma.officer.create({
    data: { agencyId: id, name: `Petugas ${id}`, role: 'admin', apiKeyHash: hashApiKey(key) },
  });
  return { agencyId: id, officerId: officer.id };
}
