// Routes of the qualitative workspace under /onderzoek/kwalitatief, for the admin, researcher and
// qualitative roles. Posts check the CSRF token; bad input comes back on the page (422) with the reason;
// exports (quotes, codebook) are written to the audit log. Nothing here reads survey responses.
import { Hono, type Context } from 'hono';
import {
  addCode,
  addParticipants,
  agreementOfTranscript,
  codeSpan,
  codingsOfTranscript,
  exportQdc,
  findQuotes,
  findSession,
  getSession,
  getTranscript,
  importQdc,
  importTranscript,
  listCodes,
  listMemberChecks,
  listParticipants,
  listSessions,
  listSummaryBoxes,
  listTranscripts,
  participantTable,
  QdcError,
  QualInputError,
  quotesToCsv,
  quotesToXlsx,
  TranscriptError,
  updateQuote,
} from '../../qual/index.ts';
import { audit } from '../../storage/users.ts';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { langOf, requireRole, sameToken, type ResearcherEnv } from './auth.ts';
import { PatternsPage, QuotesPage, TranscriptPage } from './qual-coding.tsx';
import { BASE, OverviewPage, ParticipantsPage, SessionsPage, type PageBase } from './qual-views.tsx';

type C = Context<ResearcherEnv>;
const str = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? body[name].trim() : '');
const expected = (e: unknown): e is Error => e instanceof QualInputError || e instanceof TranscriptError || e instanceof QdcError;

/** Quote filters from the query string (the same keys as `perspectief qual quotes --where`). */
function quoteQuery(c: C): { patternId: number | null; where: [string, string][]; filters: Record<string, string>; query: string } {
  const filters: Record<string, string> = {};
  for (const key of ['route', 'gender', 'country', 'age', 'pool', 'kind', 'section']) {
    const v = c.req.query(key);
    if (v) filters[key] = v.slice(0, 80);
  }
  const pattern = c.req.query('patroon');
  const patternId = pattern && /^\d{1,9}$/.test(pattern) ? Number(pattern) : null;
  const params = new URLSearchParams(filters);
  if (patternId !== null) params.set('patroon', String(patternId));
  const query = params.size > 0 ? `?${params.toString()}` : '';
  return { patternId, where: Object.entries(filters), filters, query };
}

export function qualRoutes(deps: AppDeps): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { db, catalog } = deps;
  app.use('*', requireRole('admin', 'researcher', 'qualitative'));

  const base = async (c: C): Promise<PageBase> => {
    const participants = await listParticipants(db);
    return { catalog, lang: langOf(c), csrf: c.get('session').csrfToken, synthetic: participants.some((p) => p.synthetic) };
  };
  const csrfOk = (c: C, body: Record<string, unknown>) => sameToken(body['_csrf'], c.get('session').csrfToken);
  const forbidden = (c: C) => c.text(catalog.t(langOf(c), 'r.csrf'), 403);
  const html = async (c: C, element: Parameters<typeof page>[0], status: 200 | 422 = 200) => c.html(await page(element), status);

  app.get('/', async (c) => {
    const participants = await listParticipants(db);
    const tables = [participantTable(participants, '2.7'), participantTable(participants, '2.8')];
    return html(c, <OverviewPage {...await base(c)} tables={tables} boxes={await listSummaryBoxes(db)} />);
  });

  const participantsPage = async (c: C, error?: string) =>
    html(c, <ParticipantsPage {...await base(c)} participants={await listParticipants(db)} error={error} />, error ? 422 : 200);
  app.get('/deelnemers', (c) => participantsPage(c));
  app.post('/deelnemers', async (c) => {
    const body = await c.req.parseBody();
    if (!csrfOk(c, body)) return forbidden(c);
    const opt = (name: string) => str(body, name) || null;
    const age = str(body, 'age');
    try {
      await addParticipants(db, [
        {
          code: str(body, 'code'),
          kind: str(body, 'kind'),
          pool: opt('pool'),
          migrantType: str(body, 'migrantType'),
          gender: opt('gender'),
          age: age === '' ? null : /^\d{1,3}$/.test(age) ? Number(age) : age,
          learningRoute: opt('learningRoute'),
          country: opt('country'),
          municipality: opt('municipality'),
          language: opt('language'),
          consentDate: opt('consentDate'),
        },
      ]);
    } catch (error) {
      if (expected(error)) return participantsPage(c, error.message);
      if (/unique|duplicate/i.test((error as Error).message))
        return participantsPage(c, `code "${str(body, 'code')}" is already in the register`);
      throw error;
    }
    await audit(db, { userId: c.get('session').user.id, action: 'qual-participant-added', detail: { code: str(body, 'code') } });
    return c.redirect(`${BASE}/deelnemers`, 303);
  });

  const sessionsPage = async (c: C, error?: string) =>
    html(
      c,
      <SessionsPage {...await base(c)} sessions={await listSessions(db)} transcripts={await listTranscripts(db)} error={error} />,
      error ? 422 : 200,
    );
  app.get('/sessies', (c) => sessionsPage(c));
  app.post('/sessies/transcript', async (c) => {
    const body = await c.req.parseBody();
    if (!csrfOk(c, body)) return forbidden(c);
    const session = await findSession(db, str(body, 'session'));
    const file = body['file'];
    if (!session) return sessionsPage(c, `no session "${str(body, 'session')}"`);
    if (!(file instanceof File) || file.size === 0) return sessionsPage(c, 'choose a file');
    if (file.size > 20 * 1024 * 1024) return sessionsPage(c, `${file.name}: larger than 20 MB`);
    const speakers: Record<string, string> = {};
    for (const line of str(body, 'speakers')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')) {
      const at = line.indexOf('=');
      if (at < 1) return sessionsPage(c, `"${line}": write Name=code`);
      speakers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    try {
      const r = await importTranscript(db, {
        sessionId: session.id,
        file: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        speakers,
        importedBy: c.get('session').user.id,
      });
      await audit(db, {
        userId: c.get('session').user.id,
        action: 'qual-transcript-imported',
        detail: { session: session.code, transcript: r.id, turns: r.turns },
      });
      return c.redirect(`${BASE}/transcript/${r.id}`, 303);
    } catch (error) {
      if (expected(error)) return sessionsPage(c, error.message);
      throw error;
    }
  });

  const transcriptPage = async (c: C, id: number, error?: string) => {
    const transcript = await getTranscript(db, id);
    if (!transcript) return c.text(catalog.t(langOf(c), 'r.notFound'), 404);
    const session = await getSession(db, transcript.sessionId);
    return html(
      c,
      <TranscriptPage
        {...await base(c)}
        transcript={transcript}
        session={session?.code ?? ''}
        codings={await codingsOfTranscript(db, id)}
        codes={await listCodes(db)}
        agreement={await agreementOfTranscript(db, id)}
        error={error}
      />,
      error ? 422 : 200,
    );
  };
  app.get('/transcript/:id{[0-9]{1,9}}', (c) => transcriptPage(c, Number(c.req.param('id'))));
  app.post('/transcript/:id{[0-9]{1,9}}/codeer', async (c) => {
    const id = Number(c.req.param('id'));
    const body = await c.req.parseBody();
    if (!csrfOk(c, body)) return forbidden(c);
    const turnId = Number(str(body, 'turn'));
    const transcript = await getTranscript(db, id);
    if (!transcript || !transcript.turns.some((t) => t.id === turnId)) return transcriptPage(c, id, 'that turn is not in this transcript');
    try {
      await codeSpan(db, {
        turnId,
        codeId: Number(str(body, 'pattern')),
        coder: c.get('session').user.username,
        fragment: str(body, 'fragment'),
      });
    } catch (error) {
      if (expected(error)) return transcriptPage(c, id, error.message);
      throw error;
    }
    return c.redirect(`${BASE}/transcript/${id}#beurt-${turnId}`, 303);
  });

  const patternsPage = async (c: C, extra: { error?: string; message?: string } = {}) =>
    html(
      c,
      <PatternsPage {...await base(c)} codes={await listCodes(db)} checks={await listMemberChecks(db)} {...extra} />,
      extra.error ? 422 : 200,
    );
  app.get('/patronen', (c) => patternsPage(c));
  app.post('/patronen', async (c) => {
    const body = await c.req.parseBody();
    if (!csrfOk(c, body)) return forbidden(c);
    const list = (name: string) =>
      str(body, name)
        .split(/[\s,;]+/)
        .filter((x) => x !== '');
    try {
      await addCode(db, {
        name: str(body, 'name'),
        parentId: str(body, 'parent') === '' ? null : Number(str(body, 'parent')),
        description: str(body, 'description'),
        sections: list('sections'),
        surveyItems: list('items'),
      });
    } catch (error) {
      if (expected(error)) return patternsPage(c, { error: error.message });
      throw error;
    }
    return c.redirect(`${BASE}/patronen`, 303);
  });
  app.post('/patronen/import', async (c) => {
    const body = await c.req.parseBody();
    if (!csrfOk(c, body)) return forbidden(c);
    const file = body['file'];
    if (!(file instanceof File) || file.size === 0) return patternsPage(c, { error: 'choose a .qdc file' });
    try {
      const r = await importQdc(db, file.name, await file.text());
      await audit(db, { userId: c.get('session').user.id, action: 'qual-codebook-imported', detail: { ...r } });
      return patternsPage(c, { message: catalog.t(langOf(c), 'q.patterns.imported', r) });
    } catch (error) {
      if (expected(error)) return patternsPage(c, { error: error.message });
      throw error;
    }
  });
  app.get('/codeboek.qdc', async (c) => {
    const xml = await exportQdc(db);
    await audit(db, { userId: c.get('session').user.id, action: 'export', detail: { what: 'qual-codebook', format: 'qdc' } });
    c.header('Content-Type', 'application/xml; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="codeboek.qdc"');
    c.header('Cache-Control', 'no-store');
    return c.body(xml);
  });

  const quotesFor = async (c: C) => {
    const q = quoteQuery(c);
    return { ...q, quotes: await findQuotes(db, { patternId: q.patternId, where: q.where }) };
  };
  app.get('/citaten', async (c) => {
    try {
      const q = await quotesFor(c);
      return html(c, <QuotesPage {...await base(c)} quotes={q.quotes} codes={await listCodes(db)} filters={q.filters} query={q.query} />);
    } catch (error) {
      if (!expected(error)) throw error;
      return html(
        c,
        <QuotesPage {...await base(c)} quotes={[]} codes={await listCodes(db)} filters={{}} query="" error={error.message} />,
        422,
      );
    }
  });
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/citaten.${format}`, async (c) => {
      let found;
      try {
        found = (await quotesFor(c)).quotes;
      } catch (error) {
        if (expected(error)) return c.text(error.message, 422);
        throw error;
      }
      const synthetic = found.filter((q) => q.synthetic).length;
      await audit(db, {
        userId: c.get('session').user.id,
        action: 'export',
        detail: { what: 'qual-quotes', format, rows: found.length, synthetic },
      });
      // A download with demo quotes says so in its name, wherever the file ends up.
      const name = `citaten${synthetic > 0 ? '-SYNTHETISCH' : ''}.${format}`;
      c.header('Content-Disposition', `attachment; filename="${name}"`);
      c.header('Cache-Control', 'no-store');
      if (format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        return c.body(quotesToCsv(found));
      }
      c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return c.body(new Uint8Array(await quotesToXlsx(found)));
    });
  app.post('/citaten/:id{[0-9]{1,9}}', async (c) => {
    const body = await c.req.parseBody();
    if (!csrfOk(c, body)) return forbidden(c);
    const section = str(body, 'section');
    try {
      const ok = await updateQuote(db, Number(c.req.param('id')), {
        reportSection: section === '' ? null : section,
        textNlStatus: body['nlReviewed'] === '1' ? 'reviewed' : 'draft',
      });
      if (!ok) return c.text(catalog.t(langOf(c), 'r.notFound'), 404);
    } catch (error) {
      if (expected(error)) return c.text(error.message, 422);
      throw error;
    }
    return c.redirect(`${BASE}/citaten`, 303);
  });

  return app;
}
