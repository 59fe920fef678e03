#!/usr/bin/Rscript
# R side of bench/peers: KernSmooth::locpoly (linear binning + FFT
# convolution, Gaussian kernel with bandwidth = kernel sd) on the series written
# by `gopeer gen`, degree 1 (local linear) and 0 (Nadaraya-Watson), on a
# 401-point grid over the range of x.
#
# Usage: Rscript kernsmooth.R DIR [--quick]
suppressPackageStartupMessages(library(KernSmooth))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
min_time <- if ("--quick" %in% args) 0.2 else 1.0

write_result <- function(work, peer, ns, vals) {
  p <- file.path(dir, "results", work)
  dir.create(p, recursive = TRUE, showWarnings = FALSE)
  lines <- c(sprintf("ns_per_op %.6g", ns),
             ifelse(is.finite(vals), sprintf("%.17g", vals), "nan"))
  writeLines(lines, file.path(p, paste0(peer, ".out")))
}

# time_it: best round of at least min_time/5 s, until min_time s have passed
# (1 to 5 rounds), after one warm-up call, as gopeer.
time_it <- function(f) {
  out <- f()
  best <- Inf
  now <- function() proc.time()[["elapsed"]]
  start <- now()
  for (round in 1:5) {
    reps <- 0
    t0 <- now()
    repeat {
      out <- f()
      reps <- reps + 1
      el <- now() - t0
      if (el >= min_time / 5) break
    }
    best <- min(best, el / reps)
    if (now() - start >= min_time) break
  }
  list(ns = best * 1e9, out = out)
}

series <- sort(as.integer(sub("^n([0-9]+)[.]data$", "\\1",
                              list.files(file.path(dir, "in", "kre"), pattern = "^n[0-9]+[.]data$"))))
for (n in series) {
  xy <- matrix(scan(file.path(dir, "in", "kre", sprintf("n%d.data", n)), quiet = TRUE),
               ncol = 2, byrow = TRUE)
  meta <- scan(file.path(dir, "in", "kre", sprintf("n%d.meta", n)), quiet = TRUE)
  x <- xy[, 1]
  y <- xy[, 2]
  h <- meta[1]
  for (deg in c(1, 0)) {
    r <- time_it(function() locpoly(x, y, degree = deg, bandwidth = h,
                                    gridsize = 401, range.x = range(x))$y)
    name <- if (deg == 1) "ll" else "nw"
    write_result(sprintf("kre/grid-%s-n%d", name, n), "kernsmooth-locpoly", r$ns, r$out)
  }
}
