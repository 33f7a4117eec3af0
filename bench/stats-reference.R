# The same workload as bench/stats-workload.ts in R (xtabs, psych::alpha, lm + summary), timed without
# reading the data. Usage: Rscript bench/stats-reference.R wave.csv  → prints "WORKLOAD_SECONDS s".
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = "", stringsAsFactors = FALSE)
items <- c("m1", "m2", "m3", "b1", "b2", "b3", paste0("k", 1:7))
scales <- list(maatschappelijk = c("m1", "m2", "m3"), beleid = c("b1", "b2", "b3"), kwaliteit = paste0("k", 1:7))
t0 <- proc.time()
for (item in items) for (by in c("group", "route", "gender", "cohort")) {
  counts <- table(d[[item]], d[[by]])
  pct <- prop.table(xtabs(d$w ~ d[[item]] + d[[by]]), 2)
}
for (s in names(scales)) {
  a <- psych::alpha(na.omit(d[, scales[[s]]]), warnings = FALSE)
  valid <- rowSums(!is.na(d[, scales[[s]]]))
  score <- rowMeans(d[, scales[[s]]], na.rm = TRUE)
  score[valid < ceiling(length(scales[[s]]) / 2)] <- NA
  d[[s]] <- score
}
d$gender <- relevel(factor(d$gender), ref = "man"); d$route <- relevel(factor(d$route), ref = "Z")
d$cohort <- relevel(factor(d$cohort), ref = "2"); d$work <- relevel(factor(d$work), ref = "geen")
f <- function(y, route, split = "") as.formula(paste(y, "~ age +", if (split == "gender") "" else "gender +",
  "education + language + health +", if (route) "route +" else "", if (split == "cohort") "" else "cohort +", "intake + work"))
groups <- c("asiel21", "gezin21", "asiel13", "gezin13")
for (y in names(scales)) for (g in groups) s <- summary(lm(f(y, g %in% groups[1:2]), data = d[d$group == g, ]))
w21 <- d$group %in% groups[1:2]
splits <- list(list(d$cohort == "1", "cohort"), list(d$cohort == "2", "cohort"), list(d$gender == "man", "gender"),
  list(d$gender == "vrouw", "gender"))
for (sp in splits) s <- summary(lm(f("kwaliteit", TRUE, sp[[2]]), data = d[w21 & sp[[1]], ]))
dt <- proc.time() - t0
cat("WORKLOAD_SECONDS", dt[["elapsed"]], "\n")
cat("WORKLOAD_CPU_SECONDS", dt[["user.self"]] + dt[["sys.self"]], "\n")
