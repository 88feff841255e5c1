/* test-presentation-style.c: the projector style (data/fp-presentation.css) reads from the
 * back of a room: every text colour has a contrast of at least 7:1 (WCAG AAA) on the
 * background its rule names, and no text is smaller than 20 px. Read from the file itself,
 * with no display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib.h>

#define MIN_CONTRAST  7.0
#define MIN_FONT_PX   20.0

/* sRGB channel to linear light (WCAG 2 relative luminance). */
static double
linear (double channel)
{
  return channel <= 0.03928 ? channel / 12.92 : pow ((channel + 0.055) / 1.055, 2.4);
}

static double
luminance (guint32 rgb)
{
  return 0.2126 * linear (((rgb >> 16) & 0xff) / 255.0) +
         0.7152 * linear (((rgb >> 8) & 0xff) / 255.0) +
         0.0722 * linear ((rgb & 0xff) / 255.0);
}

static double
contrast (guint32 a,
          guint32 b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* "#rrggbb" or "#rgb"; anything else (a named colour, alpha(), @define-color) is refused,
 * so the style cannot hide a colour from this test. */
static gboolean
parse_colour (const char *text,
              guint32    *rgb)
{
  g_autofree char *value = g_strstrip (g_strdup (text));
  gsize n = strlen (value);

  if (value[0] != '#' || (n != 7 && n != 4))
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if (!g_ascii_isxdigit (value[i]))
      return FALSE;
  if (n == 7)
    *rgb = (guint32) g_ascii_strtoull (value + 1, NULL, 16);
  else
    {
      guint32 r = g_ascii_xdigit_value (value[1]);
      guint32 g = g_ascii_xdigit_value (value[2]);
      guint32 b = g_ascii_xdigit_value (value[3]);

      *rgb = (r * 17) << 16 | (g * 17) << 8 | b * 17;
    }
  return TRUE;
}

/* Checks a style sheet: returns the number of text colours checked, and adds a line to
 * @problems for each rule that breaks the rules above. */
static guint
check_style (const char *css,
             GString    *problems)
{
  GString *text = g_string_new (NULL);
  g_auto(GStrv) blocks = NULL;
  guint checked = 0;

  /* Comments out. */
  for (const char *p = css; *p != '\0'; p++)
    {
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          if (end == NULL)
            break;
          p = end + 1;
          continue;
        }
      g_string_append_c (text, *p);
    }

  blocks = g_strsplit (text->str, "}", -1);
  for (guint b = 0; blocks[b] != NULL; b++)
    {
      char *open = strchr (blocks[b], '{');
      g_autofree char *selector = NULL;
      g_auto(GStrv) declarations = NULL;
      gboolean has_fg = FALSE, has_bg = FALSE;
      guint32 fg = 0, bg = 0;

      if (open == NULL)
        continue;
      selector = g_strstrip (g_strndup (blocks[b], open - blocks[b]));
      declarations = g_strsplit (open + 1, ";", -1);
      for (guint d = 0; declarations[d] != NULL; d++)
        {
          char *colon = strchr (declarations[d], ':');
          g_autofree char *property = NULL;
          const char *value;

          if (colon == NULL)
            continue;
          property = g_strstrip (g_strndup (declarations[d], colon - declarations[d]));
          value = colon + 1;
          if (g_str_equal (property, "color") || g_str_equal (property, "background-color"))
            {
              guint32 rgb;

              if (!parse_colour (value, &rgb))
                {
                  g_string_append_printf (problems, "%s: %s is not a #rrggbb colour\n",
                                          selector, property);
                  continue;
                }
              if (g_str_equal (property, "color"))
                has_fg = TRUE, fg = rgb;
              else
                has_bg = TRUE, bg = rgb;
            }
          else if (g_str_equal (property, "font-size"))
            {
              g_autofree char *size = g_strstrip (g_strdup (value));
              char *end = NULL;
              double px = g_ascii_strtod (size, &end);

              if (end == NULL || !g_str_equal (end, "px") || px < MIN_FONT_PX)
                g_string_append_printf (problems, "%s: font-size %s is under %g px\n",
                                        selector, size, MIN_FONT_PX);
            }
        }
      if (!has_fg)
        continue;
      if (!has_bg)
        {
          g_string_append_printf (problems, "%s: a text colour with no background named\n",
                                  selector);
          continue;
        }
      checked++;
      if (contrast (fg, bg) < MIN_CONTRAST)
        g_string_append_printf (problems, "%s: #%06x on #%06x has a contrast of %.2f:1, "
                                "under %g:1\n", selector, fg, bg, contrast (fg, bg),
                                MIN_CONTRAST);
    }
  g_string_free (text, TRUE);
  return checked;
}

static char *
read_style (void)
{
  g_autoptr(GError) error = NULL;
  char *css = NULL;

  g_file_get_contents (PRESENTATION_CSS, &css, NULL, &error);
  g_assert_no_error (error);
  return css;
}

/* The measure itself, on pairs whose ratios are published (WCAG's examples). */
static void
test_contrast_measure (void)
{
  g_assert_cmpfloat_with_epsilon (contrast (0x000000, 0xffffff), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (contrast (0xffffff, 0xffffff), 1.0, 1e-9);
  /* #767676 on white is the lightest grey that passes AA (4.54:1). */
  g_assert_cmpfloat_with_epsilon (contrast (0x767676, 0xffffff), 4.54, 0.01);
  g_assert_cmpfloat_with_epsilon (contrast (0x595959, 0xffffff), 7.0, 0.01);
}

static void
test_projector_style (void)
{
  g_autofree char *css = read_style ();
  g_autoptr(GString) problems = g_string_new (NULL);
  guint checked = check_style (css, problems);

  if (problems->len > 0)
    g_error ("The projector style breaks its rules:\n%s", problems->str);
  /* The figures, titles, buttons, branch bar, scores and legend: every one is checked. */
  g_assert_cmpuint (checked, >=, 15);
}

/* The check catches a colour made faint, a colour written another way, a background
 * left out and small text: each edit of the real style fails it. */
static void
test_check_fails (void)
{
  static const struct
  {
    const char *from;
    const char *to;
  } edits[] = {
    { "color: #e8edf5;", "color: #5a6475;" },                 /* grey on the dark ground */
    { "color: #ffd84d;", "color: #b08a00;" },                 /* the year, darker yellow */
    { "color: #0b1220;\n  background-color: #ffd84d;",
      "color: #0b1220;\n  background-color: #3a4760;" },      /* the current button */
    { "color: #8ef0a8;", "color: alpha(white, 0.5);" },
    { "  color: #111111;\n  background-color: #ffffff;\n  font-size: 20px;",
      "  color: #111111;\n  font-size: 20px;" },
    { "font-size: 24px;", "font-size: 14px;" },
  };
  g_autofree char *css = read_style ();

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(GString) problems = g_string_new (NULL);
      GString *edited = g_string_new (css);

      g_assert_nonnull (strstr (css, edits[i].from));
      g_string_replace (edited, edits[i].from, edits[i].to, 1);
      check_style (edited->str, problems);
      g_string_free (edited, TRUE);
      g_assert_cmpuint (problems->len, >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/presentation-style/contrast-measure", test_contrast_measure);
  g_test_add_func ("/fp/presentation-style/projector", test_projector_style);
  g_test_add_func ("/fp/presentation-style/check-fails", test_check_fails);

  return g_test_run ();
}
