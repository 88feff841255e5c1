/* main.c: the entry point of footprint, the GTK application.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "footprint"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "fp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FpApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Footprint"));

  app = fp_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  return status != 0 ? status : fp_application_get_exit_status (app);
}
