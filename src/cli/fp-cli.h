/* fp-cli.h: what the commands of footprint-cli share.
 *
 * footprint-cli is one file per command family (fp-cli-document.c, fp-cli-scenario.c,
 * fp-cli-compute.c, fp-cli-assumptions.c) around fp-cli.c, which holds main, the command
 * table and the helpers declared here. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

#include "footprint-core.h"

G_BEGIN_DECLS

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

/* Everything a command that reads the document needs: the workspace, and its parts by name.
 * The parts are borrowed from the workspace. Its scenarios are not among them: an edit reads
 * them anew, so get them with document_scenarios() each time. */
typedef struct
{
  FpWorkspace     *workspace;
  FpStore         *store;
  const FpEstate  *estate;
  const FpModel   *model;
} Document;

extern const char *fp_cli_prog_name;

int         fail                (int            code,
                                 const char    *format,
                                 ...) G_GNUC_PRINTF (2, 3);
int         fail_error          (const GError  *error);
gboolean    parse_options       (const char    *command,
                                 const char    *parameter,
                                 const char    *description,
                                 GOptionEntry  *entries,
                                 int           *argc,
                                 char        ***argv,
                                 int           *exit_code);
gboolean    no_extra_arguments  (const char    *command,
                                 int            argc,
                                 char         **argv,
                                 int            first,
                                 int           *exit_code);
FpStore    *open_document       (const char    *path,
                                 GError       **error);
void        document_clear      (Document      *doc);
gboolean    document_open       (Document      *doc,
                                 const char    *path,
                                 GError       **error);
GPtrArray  *document_scenarios  (Document      *doc);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Document, document_clear)

/* fp-cli-compute.c */
FpResults  *results_for         (Document      *doc,
                                 const char    *scenario,
                                 GError       **error);
const char *display_name        (Document      *doc,
                                 const char    *scenario);
gboolean    resolve_year        (Document      *doc,
                                 int           *year,
                                 GError       **error);

/* The commands, one per family file. */
int         cmd_init            (int argc, char **argv);
int         cmd_copy            (int argc, char **argv);
int         cmd_recover         (int argc, char **argv);
int         cmd_summary         (int argc, char **argv);
int         cmd_sites           (int argc, char **argv);
int         cmd_validate        (int argc, char **argv);
int         cmd_scenario        (int argc, char **argv);
int         cmd_compute         (int argc, char **argv);
int         cmd_access          (int argc, char **argv);
int         cmd_override        (int argc, char **argv);
int         cmd_assumptions     (int argc, char **argv);
int         cmd_import          (int argc, char **argv);
int         cmd_register        (int argc, char **argv);

/* fp-cli-appraise.c */
int         cmd_appraise        (int argc, char **argv);
int         cmd_scores          (int argc, char **argv);
int         cmd_costs           (int argc, char **argv);
int         cmd_export          (int argc, char **argv);

/* fp-cli-validation.c */
int         cmd_validation      (int argc, char **argv);

/* A whole finite number in C notation ("0.95", " 12 "): FALSE for anything else. */
gboolean    fp_cli_parse_number (const char  *text,
                                 double      *out);

/* fp-cli-optimise.c */
int         cmd_optimise        (int argc, char **argv);
gboolean    fp_cli_read_sweep   (const char  *option,
                                 const char  *spec,
                                 char       **id,
                                 GArray     **targets,
                                 GError     **error);

/* fp-cli-story.c */
int         cmd_story           (int argc, char **argv);

G_END_DECLS
