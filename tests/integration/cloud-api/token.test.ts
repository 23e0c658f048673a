import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../../electron/core/cloud-api';
import { tempDir } from '../../helpers/tmp';
import { PHONE_ID, SEND_BODY, TOKEN, WABA_ID, harness, sendJson } from './fake-server';

const h = harness();
const dirs: { cleanup: () => void }[] = [];
afterEach(async () => {
  await h.cleanup();
  dirs.splice(0).forEach((d) => d.cleanup());
});

describe('redactSecrets', () => {
  it('removes the secret in plain, URL-encoded and JSON-escaped form', () => {
    const secret = 'abc/def+ghi"jkl=';
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${JSON.stringify(secret)}`;
    const out = redactSecrets(text, [secret]);
    expect(out).not.toContain('abc');
    expect(out.split(REDACTED)).toHaveLength(4);
  });

  it('removes bearer tokens and access_token parameters it was not told about', () => {
    expect(redactSecrets('Authorization: Bearer EAAOTHERtoken123456', [])).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(redactSecrets('https://x/y?limit=1&access_token=EAAsecret&after=2', [])).toBe(
      `https://x/y?limit=1&access_token=${REDACTED}&after=2`,
    );
    expect(redactSecrets('{"access_token": "EAAsecret"}', [])).toBe(
      `{"access_token": "${REDACTED}"}`,
    );
  });

  it('ignores empty and very short secrets instead of blanking the text', () => {
    expect(redactSecrets('a normal sentence', ['', 'a', 'e'])).toBe('a normal sentence');
  });
});

describe('the token never leaks', () => {
  const echoEverything = (status: number) =>
    h.server((req, res) => {
      const auth = req.headers.authorization ?? '';
      const token = auth.replace(/^Bearer /, '');
      if (req.url?.includes('message_templates')) {
        // An "invalid template" whose raw JSON is handed back to the caller.
        return sendJson(res, 200, {
          data: [{ name: token, language: 'en', components: [{ type: 'BODY', note: auth }] }],
        });
      }
      if (status === 502) {
        res.writeHead(502, { 'Content-Type': 'text/html' });
        return res.end(
          `<html><body>Upstream refused ${auth} (token=${encodeURIComponent(token)})</body></html>`,
        );
      }
      sendJson(res, status, {
        error: {
          message: `(#987001) Bad token ${token}`,
          code: 987001,
          error_data: { details: `You sent: ${auth}` },
          error_user_msg: token,
          fbtrace_id: token,
        },
      });
    });

  it('not in any field of a failure, an invalid template, or the request log', async () => {
    const file = tempDir('cd-token-');
    dirs.push(file);
    const path = join(file.path, 'a.png');
    writeFileSync(path, Buffer.from([1, 2, 3]));
    const log: unknown[] = [];

    for (const status of [400, 502]) {
      const server = await echoEverything(status);
      const client = h.client(server.baseUrl, { onRequest: (e) => log.push(e) });
      const outcomes = [
        await client.sendTemplate(SEND_BODY),
        await client.listTemplates(),
        await client.uploadMedia({ path, mimeType: 'image/png' }),
        await client.messageHistory({ messageId: 'wamid.X' }),
        await client.phoneNumberInfo(),
        await client.checkToken(),
      ];
      const text = JSON.stringify(outcomes);
      // The server really echoed it: the redaction, not luck, keeps it out.
      expect(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(
        true,
      );
      expect(text).toContain(REDACTED);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(encodeURIComponent(TOKEN));
      // Only the template list succeeds, with the echoed "template" kept aside as invalid.
      expect(outcomes.map((o) => o.ok)).toEqual([false, true, false, false, false, false]);
    }
    expect(log).toHaveLength(12);
    expect(JSON.stringify(log)).not.toContain(TOKEN);
  });

  it('never in a URL: an access_token in a next link is stripped before the request', async () => {
    const server = await h.server((req, res) => {
      if (req.url?.includes('after=2')) return sendJson(res, 200, { data: [] });
      sendJson(res, 200, {
        data: [],
        paging: {
          next: `http://${req.headers.host}/v23.0/${WABA_ID}/message_templates?access_token=${TOKEN}&after=2`,
        },
      });
    });
    const outcome = await h.client(server.baseUrl).listTemplates();
    expect(outcome.ok).toBe(true);
    expect(server.requests).toHaveLength(2);
    for (const r of server.requests) expect(r.url).not.toContain(TOKEN);
  });

  it('not in network errors, even when the host name itself is the token', async () => {
    const outcome = await h
      .client(`https://${TOKEN.toLowerCase()}.invalid`, {
        getToken: () => TOKEN.toLowerCase(),
        lookup: (hostname, _o, cb) =>
          process.nextTick(() =>
            cb(
              Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
              '',
              4,
            ),
          ),
      })
      .sendTemplate(SEND_BODY);
    expect(outcome).toMatchObject({ ok: false, network: 'dns' });
    expect(JSON.stringify(outcome)).not.toContain(TOKEN.toLowerCase());
  });

  it('not in thrown errors', async () => {
    const client = h.client('http://127.0.0.1:9');
    client.close();
    const error = await client.sendTemplate(SEND_BODY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).stack)).not.toContain(TOKEN);
  });
});

describe('token checks', () => {
  it('phoneNumberInfo reads the number and proves the token; checkToken says ok', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 200, {
        id: PHONE_ID,
        display_phone_number: '15550783881',
        verified_name: 'Lucky Shrub',
        quality_rating: 'GREEN',
        throughput: { level: 'STANDARD' },
      }),
    );
    const client = h.client(server.baseUrl);
    expect(await client.phoneNumberInfo()).toEqual({
      ok: true,
      info: {
        id: PHONE_ID,
        displayPhoneNumber: '15550783881',
        verifiedName: 'Lucky Shrub',
        qualityRating: 'GREEN',
        throughputLevel: 'STANDARD',
      },
    });
    expect(await client.checkToken()).toEqual({ ok: true });
    const url = new URL(server.requests[0]!.url, 'http://x');
    expect(url.pathname).toBe(`/v23.0/${PHONE_ID}`);
    expect(url.searchParams.get('fields')).toBe(
      'id,display_phone_number,verified_name,quality_rating,throughput',
    );
  });

  it('an expired token (code 190) pauses, whatever the HTTP status', async () => {
    const server = await h.server((_req, res) =>
      sendJson(res, 400, {
        error: {
          message: 'Error validating access token: Session has expired',
          type: 'OAuthException',
          code: 190,
        },
      }),
    );
    const outcome = await h.client(server.baseUrl).checkToken();
    expect(outcome).toMatchObject({ ok: false, code: 190, httpStatus: 400 });
    if (!outcome.ok) expect(outcome.failure.handling).toBe('pause_campaign');
  });

  it.each([[''], ['  '], ['EAA token with spaces'], ['EAAline\nbreak']])(
    'an unusable token %j fails without contacting the server',
    async (token) => {
      const server = await h.server((_req, res) => sendJson(res, 200, {}));
      const outcome = await h
        .client(server.baseUrl, { getToken: () => token })
        .sendTemplate(SEND_BODY);
      expect(outcome).toMatchObject({ ok: false, code: null, httpStatus: null });
      if (!outcome.ok)
        expect(outcome.failure).toMatchObject({ handling: 'pause_campaign', ambiguous: false });
      expect(server.requests).toHaveLength(0);
    },
  );

  it('an upload whose file shrinks mid-way fails as a file problem', async () => {
    const dir = tempDir('cd-shrink-');
    dirs.push(dir);
    const path = join(dir.path, 'big.bin');
    writeFileSync(path, Buffer.alloc(100_000, 1));
    const server = await h.server((_req, res) => sendJson(res, 200, { id: 'M' }));
    // getToken runs after the size was taken and before the file is read.
    const client = h.client(server.baseUrl, {
      getToken: () => {
        truncateSync(path, 10);
        return TOKEN;
      },
    });
    const outcome = await client.uploadMedia({ path, mimeType: 'application/octet-stream' });
    expect(outcome).toMatchObject({ ok: false, code: null });
    if (!outcome.ok) {
      expect(outcome.failure.entry.title).toBe('Cannot read the media file');
      expect(outcome.details).toMatch(/changed while/);
    }
  });
});
