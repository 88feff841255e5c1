/* bench-app.h: driving the real footprint window from a benchmark: its actions on the
 * session bus, and the timings it notes itself (FOOTPRINT_BENCH=FILE: a line "NAME VALUE"
 * each). Shared by bench-window and bench-present.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#define WINDOW_PATH "/io/github/footprint/Footprint/window/1"

static inline void
spin (guint ms)
{
  g_usleep (ms * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The value of the nth note NAME in the window's notes (FOOTPRINT_BENCH), or -1. */
static inline gint64
read_note (const char *path,
           const char *name,
           guint       nth)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint seen = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);

      if (parts[0] != NULL && parts[1] != NULL && g_str_equal (parts[0], name) && seen++ == nth)
        return g_ascii_strtoll (parts[1], NULL, 10);
    }
  return -1;
}

static inline guint
count_notes (const char *path,
             const char *name)
{
  guint n = 0;

  while (read_note (path, name, n) >= 0)
    n++;
  return n;
}

static inline GVariant *
call (GDBusConnection *connection,
      const char      *method,
      GVariant        *args)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (connection, APPLICATION_ID, WINDOW_PATH,
                                                 "org.gtk.Actions", method, args, NULL,
                                                 G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);

  if (reply == NULL && !g_str_equal (method, "Describe"))
    g_error ("%s: %s", method, error->message);
  return reply;
}

static inline void
activate (GDBusConnection *connection,
          const char      *action,
          GVariant        *parameter)
{
  GVariantBuilder params;

  g_variant_builder_init (&params, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&params, "v", parameter);
  g_variant_unref (call (connection, "Activate",
                         g_variant_new ("(sav@a{sv})", action, &params,
                                        g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0))));
}
