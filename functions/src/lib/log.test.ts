import { describe, expect, it } from 'vitest';
import { scrub } from './log.js';

describe('scrub', () => {
  it('removes e-mail addresses, in clear and percent-encoded in a path', () => {
    const line = JSON.stringify({
      path: '/api/users/amina.k%40example.org/role',
      error: 'to bilal+x@mail.example.com denied',
    });
    const out = scrub(line);
    expect(out).not.toMatch(/amina|bilal|example\.(org|com)/);
    expect(out).toContain('/api/users/<email>/role');
    expect(JSON.parse(out)).toMatchObject({ error: 'to <email> denied' });
  });

  it('removes invitation tokens from links and bodies, and JWTs', () => {
    const line = JSON.stringify({
      link: 'https://x.org/s/abcdefghjkmn?i=Zm9vYmFyYmF6cXV4MTIzNA',
      body: '{"invitation":"Zm9vYmFyYmF6cXV4MTIzNA","language":"en"}',
      auth: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
    });
    const out = scrub(line);
    expect(out).not.toContain('Zm9vYmFyYmF6cXV4MTIzNA');
    expect(out).not.toContain('eyJ');
    expect(JSON.parse(out).link).toBe('https://x.org/s/abcdefghjkmn?i=<token>');
    expect(JSON.parse(JSON.parse(out).body)).toMatchObject({ invitation: '<token>', language: 'en' });
  });

  it('leaves ordinary lines alone', () => {
    const line = JSON.stringify({ msg: 'request', path: '/api/surveys/01hx/results', status: 200, ms: 12.5 });
    expect(scrub(line)).toBe(line);
  });
});
