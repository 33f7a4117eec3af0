# What R haven sees in a whole export: every variable's label, value labels and user-missing codes, the
# frequencies of chosen variables (user-missing codes counted as the values they are), and chosen text
# cells. Texts are hex-encoded UTF-8 so the test compares them byte for byte. Used by test/cli/export-formats.test.ts.
# Usage: Rscript sav-summary.R FILE VAR1,VAR2,... TEXTVAR ID1,ID2,...
suppressPackageStartupMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
d <- read_sav(args[[1]], user_na = TRUE)
hex <- function(x) if (is.null(x) || is.na(x)) "NA" else paste(as.character(charToRaw(enc2utf8(as.character(x)))), collapse = "")
out <- function(...) cat(paste(..., sep = "\t"), "\n", sep = "")
out("rows", nrow(d))
for (name in names(d)) {
  x <- d[[name]]
  out("variable", name, hex(attr(x, "label")))
  labels <- attr(x, "labels")
  if (!is.null(labels)) for (i in seq_along(labels)) out("value_label", name, hex(unname(labels[[i]])), hex(names(labels)[[i]]))
  if (!is.null(attr(x, "na_values"))) out("na_values", name, paste(attr(x, "na_values"), collapse = ","))
  if (!is.null(attr(x, "na_range"))) out("na_range", name, paste(attr(x, "na_range"), collapse = ","))
}
for (name in strsplit(args[[2]], ",")[[1]]) {
  counts <- table(as.numeric(unclass(d[[name]])), useNA = "no")
  for (value in names(counts)) out("freq", name, value, counts[[value]])
}
ids <- strsplit(args[[4]], ",")[[1]]
text <- d[[args[[3]]]]
for (i in which(d$response_id %in% ids)) out("text", d$response_id[[i]], hex(text[[i]]))
