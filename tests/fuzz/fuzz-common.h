/* fuzz-common.h: what the libFuzzer harnesses of tests/fuzz share.
 *
 * Each harness defines LLVMFuzzerTestOneInput(). Built with -Dfuzzing=true (clang), libFuzzer
 * supplies main() and drives it; in the normal build, replay.c supplies a main() that feeds
 * it every file of the seed corpus and of regressions/, so the suite replays every input
 * that ever crashed a parser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* An oracle failed: say which, and abort so that libFuzzer keeps the input. */
#define FUZZ_CHECK(cond, ...)                                   \
  G_STMT_START {                                                \
    if (G_UNLIKELY (!(cond)))                                   \
      {                                                         \
        g_printerr ("fuzz check failed: %s: ", #cond);          \
        g_printerr (__VA_ARGS__);                               \
        g_printerr ("\n");                                      \
        abort ();                                               \
      }                                                         \
  } G_STMT_END

/* A critical or a warning, printed, then abort(): GLib's own fatal handling stops with a
 * breakpoint trap, which libFuzzer does not catch, so the input that caused it would not be
 * kept. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput out = g_log_writer_standard_streams (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return out;
}

/* Criticals and warnings are bugs: make them abort, under libFuzzer and in the replay. */
static inline void
fuzz_make_warnings_fatal (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
}
