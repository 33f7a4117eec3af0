# Reads a .sav file with R haven and prints what haven sees, one fact a line, tab-separated; every text is
# hex-encoded UTF-8 so the test can compare it byte for byte. Used by test/report/sav.test.ts.
# Usage: Rscript read-sav.R FILE
suppressPackageStartupMessages(library(haven))
args <- commandArgs(trailingOnly = TRUE)
d <- read_sav(args[[1]], user_na = TRUE)
hex <- function(x) if (is.null(x) || is.na(x)) "NA" else paste(as.character(charToRaw(enc2utf8(as.character(x)))), collapse = "")
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
out <- function(...) cat(paste(..., sep = "\t"), "\n", sep = "")
out("file_label", hex(attr(d, "label")))
for (note in attr(d, "notes")) out("note", hex(note))
out("rows", nrow(d))
for (name in names(d)) {
  x <- d[[name]]
  width <- attr(x, "display_width")
  out("variable", name, hex(attr(x, "label")), attr(x, "format.spss"), if (is.null(width)) "NA" else width, class(x)[[1]])
  labels <- attr(x, "labels")
  if (!is.null(labels)) for (i in seq_along(labels)) out("value_label", name, hex(unname(labels[[i]])), hex(names(labels)[[i]]))
  if (!is.null(attr(x, "na_values"))) out("na_values", name, paste(num(attr(x, "na_values")), collapse = ","))
  if (!is.null(attr(x, "na_range"))) out("na_range", name, paste(num(attr(x, "na_range")), collapse = ","))
  missing <- is.na(x)
  values <- if (inherits(x, "Date")) {
    ifelse(is.na(x), "NA", format(x, "%Y-%m-%d"))
  } else if (inherits(x, "POSIXct")) {
    ifelse(is.na(x), "NA", format(x, "%Y-%m-%d %H:%M:%S", tz = "UTC"))
  } else if (is.character(x)) {
    vapply(unclass(x), hex, "")
  } else {
    num(unclass(x))
  }
  for (i in seq_along(values)) out("cell", name, i, values[[i]], if (missing[[i]]) "missing" else "valid")
}
