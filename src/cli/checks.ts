// `perspectief checks`: the data checks of appendix B.1 on a wave's responses (fieldwork/checks.ts), and the
// decisions on what they flag: keep, or exclude from analysis with a reason, and take a decision back. Every
// decision is logged (response_reviews and the audit log); nothing is deleted.
import { parseArgs } from 'node:util';
import { DatasetError } from '../analysis/dataset.ts';
import { loadWaveDataset } from '../analysis/load.ts';
import { findWave } from '../analysis/waves.ts';
import { DemoDataError, loadDemoIfEmpty } from '../demo/index.ts';
import { ChecksFileError, loadChecksConfig } from '../fieldwork/checks-config.ts';
import { checkIds, computeChecks, type ChecksResult } from '../fieldwork/checks.ts';
import { recordReviews, responsesInWave, revokeReview, waveReviews } from '../storage/decisions.ts';
import { audit } from '../storage/users.ts';
import { CliError, UsageError, type Command } from './command.ts';
import { openSystem } from './system.ts';

const HELP = `Usage: perspectief checks [--json] [--wave W]
       perspectief checks exclude|keep RESPONSE_ID... --check CHECK --reason TEXT [--wave W]
       perspectief checks revoke DECISION_ID --reason TEXT
       perspectief checks log [--wave W]

Without a subcommand: runs the data checks of the report's appendix B.1 on the completed responses of a
wave (default: the latest) and prints them (--json: as JSON):

  missing         missing data per item (shown by routing, answered, missing code, no answer) and the
                  responses that left at least half of the items they were shown without a substantive answer
  routing         answers present where routing says absent, and required answers absent where it says present
  control-...     the study's control checks (checks.json), e.g. permit type against the questionnaire chosen,
                  with the rate per group
  duplicates      near-identical answer vectors to the same questionnaire (the later response is listed)
  speeders        completion time below a fraction (default 0.3) of the questionnaire's median
  straightlining  one and the same answer to every item of a scale battery (scales of 4 items or more)

  {"wave":"2024","completed":5173,"checks":[{"kind":"speeders","id":"speeders","findings":[{"responseId":"...",
   "questionnaire":"wi2021-asiel","detail":"3.1 min; median of wi2021-asiel 25.0 min","decision":null}],...}],
   "exclusions":[{"id":7,"responseId":"...","check":"speeders","reason":"...","by":"onderzoeker","at":"..."}]}

One invitation code starts exactly one response, so duplicates by invitation cannot arise (the database
ties each code to one response); the duplicate check looks at the answers.

exclude   leaves the responses out of every analysis (report, exports, monitor) with the reason; they stay
          stored and can be taken back. keep records that they were looked at and stay in.
revoke    takes a decision back (an excluded response counts again); the log keeps both.
log       every decision of the wave, live and taken back.

Thresholds and control checks come from the study folder's checks.json (schema/checks.schema.json).
`;

export const checksCommand: Command = {
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        json: { type: 'boolean', default: false },
        wave: { type: 'string' },
        check: { type: 'string' },
        reason: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [sub, ...rest] = positionals;
    if (sub !== undefined && !['exclude', 'keep', 'revoke', 'log'].includes(sub)) throw new UsageError(`unknown subcommand "${sub}"`);
    if ((sub === 'exclude' || sub === 'keep' || sub === 'revoke') && (values.reason ?? '').trim() === '')
      throw new UsageError('--reason TEXT is required');
    if ((sub === 'exclude' || sub === 'keep') && (values.check === undefined || rest.length === 0))
      throw new UsageError(`give the responses and the check: checks ${sub} RESPONSE_ID... --check CHECK --reason TEXT`);
    if (sub === 'revoke' && (rest.length !== 1 || !/^\d+$/.test(rest[0] ?? '')))
      throw new UsageError('give one decision id: checks revoke DECISION_ID --reason TEXT');
    if ((sub === undefined || sub === 'log') && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const reason = (values.reason ?? '').trim();
    if (reason.length > 500) throw new UsageError('--reason is at most 500 characters');

    const { database, study } = await openSystem(io);
    try {
      const config = loadChecksConfig(study.dir);
      await loadDemoIfEmpty(database, study, io);
      const wave = findWave(study, values.wave);
      const db = database.db;
      switch (sub) {
        case undefined: {
          const { data } = await loadWaveDataset(db, study, wave, 'all');
          const result = computeChecks({ study, wave, data, config, reviews: await waveReviews(db, wave.id) });
          if (result.note) io.stderr(`${result.note}\n`);
          io.stdout(values.json ? `${JSON.stringify(result)}\n` : summary(result));
          return 0;
        }
        case 'exclude':
        case 'keep': {
          const check = values.check as string;
          if (!checkIds(config).includes(check)) throw new UsageError(`--check must be one of ${checkIds(config).join(', ')}`);
          const known = await responsesInWave(
            db,
            wave.id,
            rest.filter((id) => /^[0-9a-f-]{36}$/i.test(id)),
          );
          const unknown = rest.filter((id) => !known.has(id));
          if (unknown.length > 0) throw new CliError(`not responses of wave ${wave.key}: ${unknown.join(', ')}; nothing recorded`);
          const decision = sub;
          await recordReviews(db, { responseIds: rest, check, decision, reason, userId: null });
          await audit(db, { userId: null, action: `response-${decision}`, detail: { responses: rest, check, reason, via: 'cli' } });
          io.stdout(`${decision === 'exclude' ? 'excluded from analysis' : 'kept'}: ${rest.length} response(s) (${check}: ${reason})\n`);
          return 0;
        }
        case 'revoke': {
          const ok = await revokeReview(db, { id: Number(rest[0]), userId: null, reason });
          if (!ok) throw new CliError(`no live decision ${rest[0]} (see "checks log")`);
          await audit(db, { userId: null, action: 'response-review-revoked', detail: { decision: Number(rest[0]), reason, via: 'cli' } });
          io.stdout(`decision ${rest[0]} taken back\n`);
          return 0;
        }
        case 'log': {
          const log = await waveReviews(db, wave.id);
          io.stdout(`${JSON.stringify(log)}\n`);
          return 0;
        }
        default:
          throw new UsageError(`unknown subcommand "${sub}"`);
      }
    } catch (error) {
      if (error instanceof DatasetError || error instanceof DemoDataError || error instanceof ChecksFileError)
        throw new CliError(error.message);
      throw error;
    } finally {
      await database.close();
    }
  },
};

function summary(r: ChecksResult): string {
  const lines = [`Wave ${r.wave}: ${r.completed} completed responses checked; ${r.exclusions.length} excluded from analysis`, ''];
  for (const c of r.checks) {
    const open = c.findings.filter((f) => f.decision === null).length;
    lines.push(`${c.id}: ${c.findings.length} response(s) to look at (${open} not decided)`);
    if (c.kind === 'control') for (const g of c.groups) lines.push(`  ${g.group}: ${g.flagged} of ${g.n} (${g.pct ?? '-'}%)`);
  }
  return `${lines.join('\n')}\n`;
}
