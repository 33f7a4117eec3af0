// The report's workload as an R script, generated from the study's report.json (the tables the wave can
// fill, as computeReport takes them) and the codebook JSON that `perspectief export` writes beside its CSV
// (missing codes, value order): frequency, multiple-choice and top-box tables as crosstabs by their
// breakdown among their filters, population tables, the regressions with lm() and the same dummy coding and
// reference categories, and Cronbach's alpha of the report's scales. R reads the exported CSV (written with
// --missing-codes, so filters see the codes as stored), times the workload alone with proc.time(), and
// prints every number after the timing as "key<TAB>value" lines that report-cells.ts compares with ours.
import type { Condition } from '../src/questionnaire/types.ts';
import type { CodebookJson } from '../src/report/codebook-json.ts';
import type { StudyDefinition, WaveDefinition } from '../src/study/load.ts';
import type { Breakdown, Model } from '../src/study/report-spec.ts';
import { tablesForWave } from '../src/study/validate-report.ts';

interface Variables {
  /** Missing codes per variable (codebook). */
  readonly missing: ReadonlyMap<string, readonly number[]>;
  /** Substantive codes per variable in questionnaire order (codebook). */
  readonly substantive: ReadonlyMap<string, readonly number[]>;
  readonly text: ReadonlySet<string>;
  /** Multiple-choice items: each option's code and whether it is a non-answer (questionnaires). */
  readonly multi: ReadonlyMap<string, readonly { readonly code: number; readonly missing: boolean }[]>;
}

const q = (s: string): string => JSON.stringify(s);
const col = (name: string): string => `d[[${q(name)}]]`;
const vec = (xs: readonly number[]): string => `c(${xs.join(', ')})`;

function variablesOf(study: StudyDefinition, wave: WaveDefinition, codebook: CodebookJson): Variables {
  const missing = new Map<string, number[]>();
  const substantive = new Map<string, number[]>();
  const text = new Set<string>();
  for (const v of codebook.variables) {
    missing.set(v.name, v.missing);
    substantive.set(
      v.name,
      v.values.filter((x) => !x.missing).map((x) => x.value),
    );
    if (v.storage === 'text') text.add(v.name);
  }
  const multi = new Map<string, { code: number; missing: boolean }[]>();
  for (const questionnaire of study.waves.find((w) => w.id === wave.id)?.questionnaires ?? []) {
    for (const page of questionnaire.pages) {
      for (const item of page.items) {
        if (item.kind !== 'multi') continue;
        const known = multi.get(item.id) ?? [];
        for (const o of item.options) if (!known.some((k) => k.code === o.code)) known.push({ code: o.code, missing: o.missing === true });
        multi.set(item.id, known);
      }
    }
  }
  return { missing, substantive, text, multi };
}

/** A routing condition as an R logical vector over `d`, with the meaning analysis/conditions.ts gives it. */
function condition(c: Condition, vars: Variables): string {
  switch (c.kind) {
    case 'all':
      return `(${c.conditions.map((x) => condition(x, vars)).join(' & ')})`;
    case 'any':
      return `(${c.conditions.map((x) => condition(x, vars)).join(' | ')})`;
    case 'not':
      return `(!${condition(c.condition, vars)})`;
    case 'answered': {
      const options = vars.multi.get(c.item);
      if (options) return `(${options.map((o) => `!is.na(${col(`${c.item}_${o.code}`)})`).join(' | ')})`;
      if (vars.text.has(c.item)) return `(!is.na(${col(c.item)}) & ${col(c.item)} != "")`;
      return `!is.na(${col(c.item)})`;
    }
    case 'in': {
      const options = vars.multi.get(c.item);
      if (options) {
        const chosen = options.filter((o) => c.values.includes(o.code)).map((o) => `chosen(${q(`${c.item}_${o.code}`)})`);
        return chosen.length === 0 ? 'rep(FALSE, n)' : `(${chosen.join(' | ')})`;
      }
      return `(${col(c.item)} %in% ${vec(c.values)})`;
    }
    case 'compare':
      return `(!is.na(${col(c.item)}) & ${col(c.item)} ${c.op === '=' ? '==' : c.op} ${c.value})`;
  }
}

/** R source of the workload; run as `Rscript script.R data.csv`. */
export function reportRScript(study: StudyDefinition, wave: WaveDefinition, codebook: CodebookJson): string {
  const spec = study.report;
  if (!spec) throw new Error(`the study "${study.id}" has no report specification`);
  const populations = study.waves.flatMap((w) => (w.population ? [w.population] : []));
  const { tables } = tablesForWave(
    spec,
    { waves: study.waves, scales: study.scales ?? [], derived: study.derived ?? [], populations },
    wave.id,
  );
  const vars = variablesOf(study, wave, codebook);
  const dimensions = (wave.population ?? populations[0])?.dimensions;
  const used = new Set<string>();
  const valid = (name: string): string => {
    used.add(name);
    return `valid(${q(name)})`;
  };
  const codes = (name: string): readonly number[] => vars.substantive.get(name) ?? [];

  // Breakdowns (with the table's filter) are computed once each, as masks and, when disjoint, one group index.
  const banners = new Map<string, string>();
  const bannerOf = (breakdown: Breakdown, where: Condition | null): string => {
    const within = where ? condition(where, vars) : null;
    const masks = breakdown.columns.map((c) => {
      const own = c.where ? condition(c.where, vars) : 'rep(TRUE, n)';
      return within ? `(${own} & ${within})` : own;
    });
    const source = `banner(list(${masks.join(', ')}))`;
    const key = source;
    if (!banners.has(key)) banners.set(key, `b${banners.size + 1}`);
    return banners.get(key) as string;
  };

  const body: string[] = [];
  const put = (id: string, expression: string): void => {
    body.push(`res[[${q(id)}]] <- ${expression}`);
  };
  for (const t of tables) {
    switch (t.kind) {
      case 'frequency': {
        const levels = t.rows?.map((r) => r.code) ?? codes(t.item);
        const unlisted = (vars.missing.get(t.item) ?? []).filter((m) => !levels.includes(m));
        put(t.id, `freq(${col(t.item)}, ${vec(levels)}, ${vec(unlisted)}, ${bannerOf(t.breakdown, t.where)})`);
        break;
      }
      case 'multiple': {
        const options = vars.multi.get(t.item) ?? [];
        const listed = t.rows?.map((r) => r.code) ?? options.filter((o) => !o.missing).map((o) => o.code);
        const counts = options.map((o) => listed.includes(o.code) || !o.missing);
        const names = options.map((o) => q(`${t.item}_${o.code}`));
        put(
          t.id,
          `multi(c(${names.join(', ')}), ${vec(options.map((o) => o.code))}, c(${counts.map((c) => (c ? 'TRUE' : 'FALSE')).join(', ')}), ${vec(listed)}, ${bannerOf(t.breakdown, t.where)})`,
        );
        break;
      }
      case 'topbox': {
        const rows = t.rows.map((r) => `list(x = ${col(r.item)}, levels = ${vec(codes(r.item))})`);
        put(t.id, `topbox(list(${rows.join(', ')}), ${vec(t.codes)}, ${bannerOf(t.breakdown, t.where)})`);
        break;
      }
      case 'regression':
        put(t.id, regression(t.outcome, t.model, t.where ? condition(t.where, vars) : null, valid));
        break;
      case 'population': {
        if (!dimensions) throw new Error(`table ${t.id} needs a population file naming its variables`);
        const groups = t.groups.flatMap((g) => (g.kind === 'sample' ? [g.code] : []));
        const group = `match(${col(dimensions.group)}, ${vec(groups)})`;
        if (t.by === 'group') put(t.id, `population(${group}, ${groups.length})`);
        else {
          const variable = dimensions[t.by];
          const levels = t.levels.map((l) => l.code);
          put(
            t.id,
            variable ? `population2(${group}, ${groups.length}, match(${col(variable)}, ${vec(levels)}), ${levels.length})` : 'NULL',
          );
        }
        break;
      }
    }
  }
  const alphas = spec.reliability.map((id) => {
    const scale = study.scales?.find((s) => s.id === id);
    if (!scale) throw new Error(`no scale "${id}"`);
    const items = scale.items.map((item) => {
      if (!scale.reverse.includes(item)) return valid(item);
      const c = codes(item);
      return `${Math.min(...c) + Math.max(...c)} - ${valid(item)}`;
    });
    return `alphas[[${q(id)}]] <- alpha(cbind(${items.join(', ')}))`;
  });

  const missingList = [...used]
    .filter((name) => (vars.missing.get(name) ?? []).length > 0)
    .map((name) => `${q(name)} = ${vec(vars.missing.get(name) ?? [])}`);
  return [
    "# Generated by bench/report-r-script.ts from report.json and the export's codebook JSON: do not edit.",
    `# Study ${study.id}, wave ${wave.id}: ${tables.length} tables, ${spec.reliability.length} scales.`,
    'args <- commandArgs(trailingOnly = TRUE)',
    'options(warn = 1)',
    'read_start <- proc.time()',
    'reader <- if (requireNamespace("data.table", quietly = TRUE)) "data.table::fread" else "utils::read.csv"',
    'd <- if (reader == "utils::read.csv") utils::read.csv(args[1], check.names = FALSE, na.strings = "", fileEncoding = "UTF-8-BOM", stringsAsFactors = FALSE) else',
    '  as.data.frame(data.table::fread(args[1], na.strings = "", encoding = "UTF-8", showProgress = FALSE))',
    'read_time <- proc.time() - read_start',
    'n <- nrow(d)',
    R_HELPERS,
    `MISSING <- list(${missingList.join(', ')})`,
    't0 <- proc.time()',
    'res <- list()',
    'alphas <- list()',
    ...[...banners].map(([source, name]) => `${name} <- ${source}`),
    ...body,
    ...alphas,
    'dt <- proc.time() - t0',
    R_PRINT,
  ].join('\n');
}

function regression(outcome: string, model: Model, where: string | null, valid: (name: string) => string): string {
  const terms: string[] = [`y = ${valid(outcome)}`];
  const names: string[] = ['"(Intercept)" = "(Constant)"'];
  model.predictors.forEach((p, i) => {
    const name = `p${i + 1}_`;
    if (p.kind === 'numeric') {
      terms.push(`${name} = ${valid(p.variable)}`);
      names.push(`${q(name)} = ${q(p.variable)}`);
      return;
    }
    terms.push(`${name} = relevel(factor(d[[${q(p.variable)}]], levels = ${vec(p.levels)}), ref = ${q(String(p.reference))})`);
    for (const level of p.levels) if (level !== p.reference) names.push(`${q(`${name}${level}`)} = ${q(`${p.variable}=${level}`)}`);
  });
  const rows = where ?? 'rep(TRUE, n)';
  return `ols(data.frame(${terms.join(', ')})[${rows}, , drop = FALSE], c(${names.join(', ')}))`;
}

// Helpers: counting by tabulate() over a group index (one pass per table when the columns are disjoint).
const R_HELPERS = String.raw`
valid <- function(name) { x <- d[[name]]; m <- MISSING[[name]]; if (length(m) > 0) x[x %in% m] <- NA; x }
chosen <- function(name) { x <- d[[name]]; !is.na(x) & x == 1 }
banner <- function(masks) {
  g <- rep(NA_integer_, n)
  for (j in seq_along(masks)) {
    m <- masks[[j]]
    if (any(m & !is.na(g))) return(list(masks = masks, g = NULL, k = length(masks), union = Reduce("|", masks)))
    g[m] <- j
  }
  list(masks = masks, g = g, k = length(masks), union = !is.na(g))
}
count_by <- function(f, nl, b) {
  if (!is.null(b$g)) return(matrix(tabulate(f + nl * (b$g - 1L), nl * b$k), nl, b$k))
  matrix(vapply(b$masks, function(m) tabulate(f[m], nl), numeric(nl)), nl, b$k)
}
percent <- function(counts) { N <- colSums(counts); p <- sweep(counts, 2, N, "/") * 100; p[, N == 0] <- NA; list(N = N, p = p) }
freq <- function(x, levels, unlisted, b) {
  f <- match(x, levels)
  counts <- count_by(f, length(levels), b)
  missing <- if (length(unlisted) > 0) count_by(match(x, unlisted), length(unlisted), b) else NULL
  pc <- percent(counts)
  list(kind = "table", N = sum(!is.na(f) & b$union), colN = pc$N, counts = counts, pct = pc$p, missing = missing)
}
multi <- function(names, codes, counts, listed, b) {
  O <- as.matrix(d[, names, drop = FALSE])
  ch <- !is.na(O) & O == 1
  answered <- rowSums(!is.na(O)) > 0
  base <- answered & (rowSums(ch[, counts, drop = FALSE]) > 0 | rowSums(ch) == 0)
  colN <- count_by(ifelse(base, 1L, NA_integer_), 1L, b)[1, ]
  k <- length(listed)
  cnt <- matrix(NA_real_, k, b$k); pct <- matrix(NA_real_, k, b$k)
  for (r in seq_len(k)) {
    at <- match(listed[r], codes)
    v <- if (is.na(at)) rep(NA_real_, n) else O[, at]
    v[!base] <- NA
    counts <- count_by(match(v, c(0, 1)), 2L, b)
    pc <- percent(counts)
    cnt[r, ] <- ifelse(pc$N > 0, counts[2, ], NA)
    pct[r, ] <- pc$p[2, ]
  }
  list(kind = "table", N = sum(base & b$union), colN = colN, counts = cnt, pct = pct)
}
topbox <- function(rows, top, b) {
  k <- length(rows)
  cnt <- matrix(NA_real_, k, b$k); pct <- matrix(NA_real_, k, b$k); Ns <- matrix(0, k, b$k)
  for (r in seq_len(k)) {
    counts <- count_by(match(rows[[r]]$x, rows[[r]]$levels), length(rows[[r]]$levels), b)
    N <- colSums(counts)
    hit <- colSums(counts[rows[[r]]$levels %in% top, , drop = FALSE])
    Ns[r, ] <- N
    cnt[r, ] <- ifelse(N > 0, hit, NA)
    pct[r, ] <- ifelse(N > 0, hit / N * 100, NA)
  }
  colN <- floor(colMeans(Ns) + 0.5)
  list(kind = "table", N = sum(colN), colN = colN, counts = cnt, pct = pct)
}
population <- function(g, k) {
  counts <- tabulate(g, k)
  list(kind = "population", N = sum(counts), counts = matrix(counts, 1), pct = matrix(counts / sum(counts) * 100, 1))
}
population2 <- function(g, k, l, nl) {
  counts <- matrix(tabulate(l + nl * (g - 1L), nl * k), nl, k)
  pc <- percent(counts)
  list(kind = "population", N = sum(counts), counts = counts, pct = pc$p)
}
ols <- function(frame, names) {
  fit <- lm(y ~ ., data = frame)
  s <- summary(fit)
  list(kind = "ols", n = nobs(fit), coef = s$coefficients, names = names, adjR2 = s$adj.r.squared, all = coef(fit))
}
alpha <- function(X) {
  X <- X[stats::complete.cases(X), , drop = FALSE]
  k <- ncol(X)
  list(alpha = k / (k - 1) * (1 - sum(apply(X, 2, stats::var)) / stats::var(rowSums(X))), n = nrow(X))
}
`;

const R_PRINT = String.raw`
num <- function(x) if (is.null(x) || is.na(x)) "NA" else sprintf("%.17g", x)
out <- character(0)
line <- function(key, value) out[[length(out) + 1L]] <<- paste0(key, "\t", num(value))
for (id in names(res)) {
  r <- res[[id]]
  if (is.null(r)) next
  if (r$kind == "table" || r$kind == "population") {
    line(paste0(id, "|N"), r$N)
    if (!is.null(r$colN)) for (j in seq_along(r$colN)) line(paste0(id, "|c", j, "|N"), r$colN[j])
    for (i in seq_len(nrow(r$counts))) for (j in seq_len(ncol(r$counts))) {
      line(paste0(id, "|r", i, "|c", j, "|count"), r$counts[i, j])
      line(paste0(id, "|r", i, "|c", j, "|pct"), r$pct[i, j])
    }
  } else {
    line(paste0(id, "|n"), r$n)
    line(paste0(id, "|adjR2"), r$adjR2)
    for (term in names(r$names)) {
      if (term %in% rownames(r$coef)) {
        line(paste0(id, "|", r$names[[term]], "|B"), r$coef[term, 1])
        line(paste0(id, "|", r$names[[term]], "|SE"), r$coef[term, 2])
      } else if (term %in% names(r$all)) {
        line(paste0(id, "|", r$names[[term]], "|B"), NA)
      }
    }
  }
}
for (s in names(alphas)) { line(paste0("alpha|", s, "|alpha"), alphas[[s]]$alpha); line(paste0("alpha|", s, "|n"), alphas[[s]]$n) }
writeLines(out)
cat("R_READER", reader, "\n")
cat("R_READ_SECONDS", read_time[["elapsed"]], "\n")
cat("R_COMPUTE_SECONDS", dt[["elapsed"]], "\n")
cat("R_COMPUTE_CPU_SECONDS", dt[["user.self"]] + dt[["sys.self"]], "\n")
cat("R_TABLES", length(res), "\n")
`;
