/* fp-json.c: reading JSON safely, record by record, and writing it back as valid JSON.
 *
 * Every JSON text the core reads (a scenario file, the dataset, a change stored in a
 * document) goes through one strict scanner first. It checks the text against RFC 8259
 * before anything reads it: json-glib 1.6 recurses once per level of nesting (80 KB of “[”
 * overflows the stack), keeps the last of two equal keys silently, reads 0x10, 017, comments,
 * single quotes and a second top-level value, and turns integers past 64 bits into -1. What a
 * reviewer reads in the file must be what is imported, so all of that is refused here with a
 * message that says what and where (the line).
 *
 * The scanner builds a compact tree as it checks (fp_json_doc_parse(): 24 bytes a value,
 * strings decoded in place). The dataset reader reads that tree: a dataset the size of
 * England's estate is 59 MB of JSON, which json-glib took 3 s and 700 MB to hold as nodes,
 * hash tables and lists. fp_json_parse() gives the smaller texts (scenario files, changes)
 * to json-glib once they have passed the same scan.
 *
 * Then each reader reads its records field by field. It names the record in the context
 * (“Dataset sites[3]”, “Change 2 (move_service)”); a problem becomes one
 * FP_ERROR_INVALID_DATA error “<where>: <what is wrong>”. Text fields are checked by one
 * rule (fp_text_problem()): no control characters, bidirectional overrides or, in names and
 * ids, invisible characters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-export.h"
#include "fp-json-private.h"

/* ---- Text ------------------------------------------------------------------------------ */

/**
 * fp_text_problem:
 * @text: UTF-8 text from a file, a document or the command line
 * @flags: %FP_TEXT_PROSE for notes and descriptions, which may hold line breaks and tabs
 *
 * The one rule for text a person will read back: control characters (C0, DEL, C1, so ANSI
 * escapes too) and bidirectional embeddings, overrides and isolates (U+202A to U+202E,
 * U+2066 to U+2069) can make what is shown differ from what is stored; in a name or id
 * (not prose) invisible characters and line separators can too.
 *
 * Returns: (transfer full) (nullable): what is wrong, e.g. “a control character (U+001B)”,
 *   or %NULL when the text is fine
 */
char *
fp_text_problem (const char  *text,
                 FpTextFlags  flags)
{
  gboolean prose = (flags & FP_TEXT_PROSE) != 0;
  const char *p = text;

  /* Most text is printable ASCII: nothing to decode. */
  while (*p >= 0x20 && *p < 0x7f)
    p++;
  if (*p == '\0')
    return NULL;

  if (!g_utf8_validate (p, -1, NULL))
    return g_strdup (_("bytes that are not UTF-8 text"));

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
        {
          if (prose && (c == '\n' || c == '\t'))
            continue;
          return g_strdup_printf (_("a control character (U+%04X)"), c);
        }
      if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        return g_strdup_printf (_("a bidirectional control character (U+%04X)"), c);
      if (!prose && (c == 0x200b || c == 0x2060 || c == 0xfeff || c == 0x2028 || c == 0x2029))
        return g_strdup_printf (_("an invisible character or line separator (U+%04X)"), c);
    }

  return NULL;
}

/* Blanks at either end, Unicode ones too (a no-break space is a blank to a reader). */
static char *
trim_blanks (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

/**
 * fp_text_clean:
 * @text: a field's text as given
 * @flags: how the field is read
 * @max_chars: the longest text allowed, in characters
 * @field: the field's name, for messages
 * @error: return location for an error (FP_ERROR_INVALID_DATA), “the field “x” holds ...”
 *
 * Checks @text by fp_text_problem() and trims blanks from its ends. Blank text is refused
 * when %FP_TEXT_REQUIRED or %FP_TEXT_NONBLANK is set, and otherwise is no text.
 *
 * Returns: (transfer full) (nullable): the text to keep; %NULL for blank optional text
 *   (with no error) or on error
 */
char *
fp_text_clean (const char   *text,
               FpTextFlags   flags,
               guint         max_chars,
               const char   *field,
               GError      **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *problem = NULL;

  problem = fp_text_problem (text, flags);
  if (problem != NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   /* Translators: the second %s is e.g. “a control character (U+001B)” */
                   _("the field “%s” holds %s"), field, problem);
      return NULL;
    }

  clean = trim_blanks (text);
  if (*clean == '\0')
    {
      if (flags & (FP_TEXT_REQUIRED | FP_TEXT_NONBLANK))
        g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA, _("the field “%s” is empty"), field);
      return NULL;
    }

  if (g_utf8_strlen (clean, -1) > max_chars)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("the field “%s” is longer than %u characters"), field, max_chars);
      return NULL;
    }

  return g_steal_pointer (&clean);
}

/* ---- Parsing --------------------------------------------------------------------------- */

/* Longer number literals than this are refused without being converted. */
#define MAX_NUMBER_CHARS 64

/* Values are built in blocks of this many; a list or object that would not fit in what is
 * left of a block gets a block of its own when it is large, so that little is wasted. */
#define BLOCK_VALUES 16384

struct _FpJsonDoc
{
  char        *text;     /* the JSON text, its strings decoded in place */
  GPtrArray   *blocks;   /* of FpJsonValue, where every list's and object's items live */
  FpJsonValue *root;
};

/* The text is read once, checked and turned into a tree of FpJsonValue as it goes. Strings
 * are decoded in place (a decoded string is never longer than its JSON), so a string costs
 * no memory beyond the text; every value is 24 bytes. The values of the lists and objects
 * being read wait on a stack; when one closes, its items move to a block, in order. */
typedef struct
{
  char        *p;
  const char  *end;
  guint        line;
  guint        depth;
  GArray      *stack;    /* of FpJsonValue: the items of the lists and objects open */
  FpJsonDoc   *doc;
  FpJsonValue *free_values;
  gsize        n_free;
  const char  *what;
  GError     **error;
} Scanner;

static gboolean scan_value (Scanner *s, const char *key);

static gboolean
scan_syntax_error (Scanner    *s,
                   const char *problem)
{
  g_set_error (s->error, FP_ERROR, FP_ERROR_INVALID_DATA,
               /* Translators: “The scenario file is not valid JSON: a text is not closed
                * (line 4)” */
               _("%s is not valid JSON: %s (line %u)"), s->what, problem, s->line);
  return FALSE;
}

static void
skip_blanks (Scanner *s)
{
  while (s->p < s->end)
    {
      switch (*s->p)
        {
        case '\n':
          s->line++;
          G_GNUC_FALLTHROUGH;
        case ' ':
        case '\t':
        case '\r':
          s->p++;
          break;
        default:
          return;
        }
    }
}

static FpJsonValue *
push (Scanner    *s,
      FpJsonType  type)
{
  FpJsonValue *v;

  g_array_set_size (s->stack, s->stack->len + 1);
  v = &g_array_index (s->stack, FpJsonValue, s->stack->len - 1);
  v->key = NULL;
  v->type = type;
  v->n_items = 0;
  return v;
}

/* Moves the top @n values of the stack into a block, as the items of a new list or object
 * that takes their place on the stack. */
static void
close_container (Scanner    *s,
                 FpJsonType  type,
                 guint       base)
{
  guint n = s->stack->len - base;
  FpJsonValue *items = NULL;
  FpJsonValue *v;

  if (n > 0)
    {
      if (n > s->n_free && n >= BLOCK_VALUES / 4)
        {
          items = g_new (FpJsonValue, n);
          g_ptr_array_add (s->doc->blocks, items);
        }
      else
        {
          if (n > s->n_free)
            {
              s->free_values = g_new (FpJsonValue, BLOCK_VALUES);
              s->n_free = BLOCK_VALUES;
              g_ptr_array_add (s->doc->blocks, s->free_values);
            }
          items = s->free_values;
          s->free_values += n;
          s->n_free -= n;
        }
      memcpy (items, &g_array_index (s->stack, FpJsonValue, base), n * sizeof *items);
      g_array_set_size (s->stack, base);
    }

  v = push (s, type);
  v->items = items;
  v->n_items = n;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads four hex digits after “\u”; s->p is on the “u”. */
static gboolean
scan_hex4 (Scanner  *s,
           gunichar *out)
{
  gunichar value = 0;

  if (s->end - s->p < 5)
    return FALSE;
  for (int i = 1; i <= 4; i++)
    {
      int digit = hex_value (s->p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (gunichar) digit;
    }
  s->p += 5;
  *out = value;
  return TRUE;
}

/* Reads a string (s->p on its opening quote) and decodes it in place: *out is the decoded
 * text, ended by a NUL written over the closing quote or before it. *plain says whether it
 * was printable ASCII with no escape, which fp_text_problem() need not look at again. */
static gboolean
scan_string (Scanner   *s,
             char     **out,
             gboolean  *plain)
{
  char *start = ++s->p;
  char *w;

  while (s->p < s->end && *s->p != '"' && *s->p != '\\' && (guchar) *s->p >= 0x20 &&
         (guchar) *s->p < 0x7f)
    s->p++;
  *plain = s->p < s->end && *s->p == '"';
  while (s->p < s->end && *s->p != '"' && *s->p != '\\' && (guchar) *s->p >= 0x20)
    s->p++;
  w = s->p;

  for (;;)
    {
      gunichar c;

      if (s->p >= s->end)
        return scan_syntax_error (s, _("a text is not closed"));
      if (*s->p == '"')
        {
          s->p++;
          *w = '\0';
          *out = start;
          return TRUE;
        }
      if (*s->p != '\\')
        return scan_syntax_error (s, _("a text holds a control character that is not written "
                                       "as an escape"));

      s->p++;
      if (s->p >= s->end)
        return scan_syntax_error (s, _("a text is not closed"));
      switch (*s->p)
        {
        case '"': *w++ = '"'; s->p++; break;
        case '\\': *w++ = '\\'; s->p++; break;
        case '/': *w++ = '/'; s->p++; break;
        case 'b': *w++ = '\b'; s->p++; break;
        case 'f': *w++ = '\f'; s->p++; break;
        case 'n': *w++ = '\n'; s->p++; break;
        case 'r': *w++ = '\r'; s->p++; break;
        case 't': *w++ = '\t'; s->p++; break;
        case 'u':
          if (!scan_hex4 (s, &c))
            return scan_syntax_error (s, _("a text holds a malformed \\u escape"));
          if (c >= 0xd800 && c <= 0xdbff)
            {
              gunichar low;

              if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                return scan_syntax_error (s, _("a text holds half of a UTF-16 surrogate pair"));
              s->p++;
              if (!scan_hex4 (s, &low) || low < 0xdc00 || low > 0xdfff)
                return scan_syntax_error (s, _("a text holds half of a UTF-16 surrogate pair"));
              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
            }
          else if (c >= 0xdc00 && c <= 0xdfff)
            return scan_syntax_error (s, _("a text holds half of a UTF-16 surrogate pair"));

          if (c == 0)
            {
              g_set_error (s->error, FP_ERROR, FP_ERROR_INVALID_DATA,
                           _("%s holds a NUL character (line %u)"), s->what, s->line);
              return FALSE;
            }
          /* At most 4 bytes, from at least 6 of escape: the text only shrinks. */
          w += g_unichar_to_utf8 (c, w);
          break;
        default:
          return scan_syntax_error (s, _("a text holds an unknown backslash escape"));
        }

      while (s->p < s->end && *s->p != '"' && *s->p != '\\' && (guchar) *s->p >= 0x20)
        *w++ = *s->p++;
    }
}

static gboolean
scan_digits (Scanner *s)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

/* Powers of ten that a double holds exactly. */
static const double exact_powers[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* The value of a decimal literal with at most 15 significant digits and a power of ten
 * within 22 of them, or FALSE for another. Such a value is an exact integer times or over
 * an exact power of ten, so one rounding gives the correctly rounded double that strtod()
 * gives (Clinger's fast path), at a fraction of its cost. */
static gboolean
fast_decimal (const char *p,
              const char *end,
              double     *out)
{
  guint64 mantissa = 0;
  int digits = 0;
  int scale = 0;
  int exponent = 0;
  gboolean negative = FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; p < end && g_ascii_isdigit (*p); p++)
    if (mantissa != 0 || *p != '0')
      {
        if (++digits > 15)
          return FALSE;
        mantissa = mantissa * 10 + (guint64) (*p - '0');
      }
  if (p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++)
      {
        scale--;
        if (mantissa != 0 || *p != '0')
          {
            if (++digits > 15)
              return FALSE;
            mantissa = mantissa * 10 + (guint64) (*p - '0');
          }
      }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean minus = FALSE;

      p++;
      if (*p == '+' || *p == '-')
        minus = *p++ == '-';
      for (; p < end; p++)
        {
          if (exponent > 1000)
            return FALSE;
          exponent = exponent * 10 + (*p - '0');
        }
      if (minus)
        exponent = -exponent;
    }

  scale += exponent;
  if (scale < -22 || scale > 22)
    return FALSE;

  *out = scale >= 0 ? (double) mantissa * exact_powers[scale]
                    : (double) mantissa / exact_powers[-scale];
  if (negative)
    *out = -*out;
  return TRUE;
}

/* A number, by the grammar of RFC 8259, that converts to a finite double (or, written as a
 * whole number, to a 64-bit integer, as json-glib reads it) without overflow or underflow. */
static gboolean
scan_number (Scanner    *s,
             const char *key,
             double     *value)
{
  const char *start = s->p;
  gboolean whole = TRUE;
  gboolean beyond;
  g_autofree char *literal = NULL;
  gsize length;

  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!scan_digits (s))
    return scan_syntax_error (s, _("a number is malformed"));
  if (s->p < s->end && *s->p == '.')
    {
      whole = FALSE;
      s->p++;
      if (!scan_digits (s))
        return scan_syntax_error (s, _("a number is malformed"));
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      whole = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return scan_syntax_error (s, _("a number is malformed"));
    }

  length = s->p - start;
  if (length > MAX_NUMBER_CHARS)
    beyond = TRUE;
  else if (whole && length <= 18)
    {
      /* Fewer than 19 digits: no 64-bit overflow. */
      gint64 n = 0;

      for (const char *d = start + (*start == '-'); d < s->p; d++)
        n = n * 10 + (*d - '0');
      *value = (double) (*start == '-' ? -n : n);
      return TRUE;
    }
  else if (!whole && fast_decimal (start, s->p, value))
    return TRUE;
  else
    {
      char buffer[MAX_NUMBER_CHARS + 1];

      memcpy (buffer, start, length);
      buffer[length] = '\0';
      errno = 0;
      if (whole)
        {
          *value = (double) g_ascii_strtoll (buffer, NULL, 10);
          beyond = errno == ERANGE;
        }
      else
        {
          *value = g_ascii_strtod (buffer, NULL);
          beyond = errno == ERANGE || !isfinite (*value);
        }
    }

  if (!beyond)
    return TRUE;

  literal = g_strndup (start, length);
  if (length > 40)
    strcpy (literal + 37, "…");
  if (key != NULL)
    g_set_error (s->error, FP_ERROR, FP_ERROR_INVALID_DATA,
                 _("%s gives the field “%s” the number %s, beyond what Footprint can read "
                   "(line %u)"), s->what, key, literal, s->line);
  else
    g_set_error (s->error, FP_ERROR, FP_ERROR_INVALID_DATA,
                 _("%s holds the number %s, beyond what Footprint can read (line %u)"),
                 s->what, literal, s->line);
  return FALSE;
}

static gboolean
scan_word (Scanner    *s,
           const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return scan_syntax_error (s, _("a value is missing or malformed"));
  s->p += len;
  return TRUE;
}

static gboolean
enter (Scanner *s)
{
  if (++s->depth <= FP_JSON_MAX_DEPTH)
    return TRUE;

  g_set_error (s->error, FP_ERROR, FP_ERROR_INVALID_DATA,
               _("%s nests lists and objects deeper than %u levels (line %u)"), s->what,
               FP_JSON_MAX_DEPTH, s->line);
  return FALSE;
}

/* Whether the object whose members start at @base on the stack has @key already. Objects
 * have tens of keys at most, so a look along them beats a hash table per object; the few
 * with more get one. */
static gboolean
has_key (Scanner     *s,
         guint        base,
         GHashTable **many,
         const char  *key)
{
  if (*many != NULL)
    return g_hash_table_contains (*many, key);

  for (guint i = base; i < s->stack->len; i++)
    if (strcmp (g_array_index (s->stack, FpJsonValue, i).key, key) == 0)
      return TRUE;

  if (s->stack->len - base >= 32)
    {
      *many = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = base; i < s->stack->len; i++)
        g_hash_table_add (*many, (char *) g_array_index (s->stack, FpJsonValue, i).key);
    }

  return FALSE;
}

static gboolean
scan_object (Scanner *s)
{
  g_autoptr(GHashTable) many = NULL;
  guint base = s->stack->len;

  if (!enter (s))
    return FALSE;
  s->p++;
  skip_blanks (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      s->depth--;
      close_container (s, FP_JSON_OBJECT, base);
      return TRUE;
    }

  for (;;)
    {
      g_autofree char *problem = NULL;
      gboolean plain;
      char *key;

      if (s->p >= s->end || *s->p != '"')
        return scan_syntax_error (s, _("a field name must be text in double quotes"));
      if (!scan_string (s, &key, &plain))
        return FALSE;

      problem = plain ? NULL : fp_text_problem (key, FP_TEXT_LINE);
      if (problem != NULL)
        {
          g_set_error (s->error, FP_ERROR, FP_ERROR_INVALID_DATA,
                       _("%s has a field name with %s (line %u)"), s->what, problem, s->line);
          return FALSE;
        }
      if (has_key (s, base, &many, key))
        {
          g_set_error (s->error, FP_ERROR, FP_ERROR_INVALID_DATA,
                       _("%s has the field “%s” twice in one object (line %u)"), s->what,
                       key, s->line);
          return FALSE;
        }

      skip_blanks (s);
      if (s->p >= s->end || *s->p != ':')
        return scan_syntax_error (s, _("a colon is missing after a field name"));
      s->p++;
      skip_blanks (s);
      if (!scan_value (s, key))
        return FALSE;
      g_array_index (s->stack, FpJsonValue, s->stack->len - 1).key = key;
      if (many != NULL)
        g_hash_table_add (many, key);

      skip_blanks (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_blanks (s);
          continue;
        }
      if (s->p < s->end && *s->p == '}')
        {
          s->p++;
          s->depth--;
          close_container (s, FP_JSON_OBJECT, base);
          return TRUE;
        }
      return scan_syntax_error (s, _("a comma or a closing brace is missing"));
    }
}

static gboolean
scan_array (Scanner    *s,
            const char *key)
{
  guint base = s->stack->len;

  if (!enter (s))
    return FALSE;
  s->p++;
  skip_blanks (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      s->depth--;
      close_container (s, FP_JSON_LIST, base);
      return TRUE;
    }

  for (;;)
    {
      if (!scan_value (s, key))
        return FALSE;
      skip_blanks (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_blanks (s);
          continue;
        }
      if (s->p < s->end && *s->p == ']')
        {
          s->p++;
          s->depth--;
          close_container (s, FP_JSON_LIST, base);
          return TRUE;
        }
      return scan_syntax_error (s, _("a comma or a closing bracket is missing"));
    }
}

/* One value, pushed on the stack; @key names the field it belongs to (the list's, for an
 * entry of a list). */
static gboolean
scan_value (Scanner    *s,
            const char *key)
{
  if (s->p >= s->end)
    return scan_syntax_error (s, _("a value is missing or malformed"));

  switch (*s->p)
    {
    case '{':
      return scan_object (s);
    case '[':
      return scan_array (s, key);
    case '"':
      {
        g_autofree char *problem = NULL;
        gboolean plain;
        char *text;

        if (!scan_string (s, &text, &plain))
          return FALSE;
        problem = plain ? NULL : fp_text_problem (text, FP_TEXT_PROSE);
        if (problem == NULL)
          {
            push (s, FP_JSON_STRING)->string = text;
            return TRUE;
          }
        if (key != NULL)
          g_set_error (s->error, FP_ERROR, FP_ERROR_INVALID_DATA,
                       _("%s gives the field “%s” a text with %s (line %u)"), s->what, key,
                       problem, s->line);
        else
          g_set_error (s->error, FP_ERROR, FP_ERROR_INVALID_DATA,
                       _("%s holds a text with %s (line %u)"), s->what, problem, s->line);
        return FALSE;
      }
    case 't':
      if (!scan_word (s, "true"))
        return FALSE;
      push (s, FP_JSON_BOOLEAN)->boolean = TRUE;
      return TRUE;
    case 'f':
      if (!scan_word (s, "false"))
        return FALSE;
      push (s, FP_JSON_BOOLEAN)->boolean = FALSE;
      return TRUE;
    case 'n':
      if (!scan_word (s, "null"))
        return FALSE;
      push (s, FP_JSON_NULL);
      return TRUE;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      {
        double number;

        if (!scan_number (s, key, &number))
          return FALSE;
        push (s, FP_JSON_NUMBER)->number = number;
        return TRUE;
      }
    default:
      return scan_syntax_error (s, _("a value is missing or malformed"));
    }
}

/* g_utf8_validate_len(), with runs of ASCII (nearly all of a dataset) checked eight bytes
 * at a time. */
static gboolean
validate_utf8 (const char  *data,
               gsize        length,
               const char **bad)
{
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      const guchar lead = (guchar) *p;
      gsize n;

      if (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              p += 8;
              continue;
            }
        }
      if (lead < 0x80)
        {
          p++;
          continue;
        }

      /* One character of two to four bytes, checked by GLib (overlong forms, surrogates,
       * past U+10FFFF). */
      n = (lead & 0xe0) == 0xc0 ? 2 : (lead & 0xf0) == 0xe0 ? 3 : (lead & 0xf8) == 0xf0 ? 4 : 1;
      if (n == 1 || (gsize) (end - p) < n || !g_utf8_validate_len (p, n, NULL))
        {
          *bad = p;
          return FALSE;
        }
      p += n;
    }

  return TRUE;
}

static guint
line_of (const char *data,
         const char *at)
{
  guint line = 1;

  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

/**
 * fp_json_doc_free:
 * @doc: (nullable): a document read by fp_json_doc_parse()
 *
 * Frees the document, its text and every value in it.
 */
void
fp_json_doc_free (FpJsonDoc *doc)
{
  if (doc == NULL)
    return;

  g_free (doc->text);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

/**
 * fp_json_doc_parse:
 * @text: (transfer full) (nullable) (array length=size): JSON text in memory from
 *   g_malloc(), which the document keeps and changes (its strings are decoded in place);
 *   freed on error
 * @size: its length in bytes
 * @what: how messages name the text, as the subject of a sentence (“The dataset”)
 * @max_size: the largest text accepted, in bytes
 * @error: return location for an error (FP_ERROR_INVALID_DATA)
 *
 * Checks the text strictly, as fp_json_parse() says, and reads it into a compact tree of
 * FpJsonValue: one pass over the text, 24 bytes a value, strings left where they are.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error saying what is
 *   wrong and on which line
 */
FpJsonDoc *
fp_json_doc_parse (char        *text,
                   gsize        size,
                   const char  *what,
                   gsize        max_size,
                   GError     **error)
{
  g_autoptr(FpJsonDoc) doc = g_new0 (FpJsonDoc, 1);
  g_autoptr(GArray) stack = NULL;
  const char *nul;
  const char *bad_utf8;
  char *data = text;
  gsize length = text == NULL ? 0 : size;
  Scanner s = { 0 };

  doc->text = text;
  doc->blocks = g_ptr_array_new_with_free_func (g_free);

  if (size > max_size)
    {
      g_autofree char *have = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT |
                                                          G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *most = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s is %s, more than the %s Footprint reads"), what, have, most);
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  /* Before any pointer arithmetic: data may be NULL (an empty GBytes gives NULL). */
  if (length == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA, _("%s is empty"), what);
      return NULL;
    }

  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s holds a NUL character (line %u)"), what, line_of (data, nul));
      return NULL;
    }

  if (!validate_utf8 (data, length, &bad_utf8))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s is not UTF-8 text (line %u)"), what, line_of (data, bad_utf8));
      return NULL;
    }

  stack = g_array_sized_new (FALSE, FALSE, sizeof (FpJsonValue), 256);
  s.p = data;
  s.end = data + length;
  s.line = 1;
  s.stack = stack;
  s.doc = doc;
  s.what = what;
  s.error = error;

  skip_blanks (&s);
  if (s.p >= s.end)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA, _("%s is empty"), what);
      return NULL;
    }
  if (!scan_value (&s, NULL))
    return NULL;
  skip_blanks (&s);
  if (s.p < s.end)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s has more after the end of its JSON value (line %u)"), what, s.line);
      return NULL;
    }

  /* The root, alone on the stack, goes to a block too: its place must not move. */
  g_assert (stack->len == 1);
  doc->root = g_memdup2 (&g_array_index (stack, FpJsonValue, 0), sizeof (FpJsonValue));
  g_ptr_array_add (doc->blocks, doc->root);
  return g_steal_pointer (&doc);
}

/**
 * fp_json_doc_get_root:
 * @doc: a document
 *
 * Returns: (transfer none): its one top-level value
 */
const FpJsonValue *
fp_json_doc_get_root (FpJsonDoc *doc)
{
  return doc->root;
}

/**
 * fp_json_parse:
 * @data: (nullable) (array length=size): JSON text
 * @size: its length in bytes, or -1 when it ends with a NUL
 * @what: how messages name the text, as the subject of a sentence (“The scenario file”)
 * @max_size: the largest text accepted, in bytes
 * @error: return location for an error (FP_ERROR_INVALID_DATA)
 *
 * Checks the text strictly (RFC 8259, one value, UTF-8 with an optional byte-order mark,
 * nesting at most %FP_JSON_MAX_DEPTH deep, no key twice in an object, no NUL, every number
 * within what a double or a 64-bit integer holds, no string with a character that
 * fp_text_problem() refuses), then parses it with json-glib.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with @error saying what is
 *   wrong and on which line
 */
JsonNode *
fp_json_parse (const char  *data,
               gssize       size,
               const char  *what,
               gsize        max_size,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FpJsonDoc) checked = NULL;
  gsize length;

  length = data == NULL ? 0 : size < 0 ? strlen (data) : (gsize) size;

  /* The one strict reader, on a copy it may change; the texts given here are small. */
  checked = fp_json_doc_parse (length > max_size ? NULL : g_memdup2 (data, length),
                               length, what, max_size, error);
  if (checked == NULL)
    return NULL;

  /* Checked: json-glib now reads exactly what was checked. */
  parser = json_parser_new ();
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("%s is not valid JSON: %s"), what, local_error->message);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* ---- Writing --------------------------------------------------------------------------- */

/* json-glib 1.6 writes a double whose shortest form has no “.” with “.0” appended, so 1e17
 * becomes “1e+17.0”, and infinities and NaN as “inf.0”, “nan.0”: none of them JSON. Outside
 * strings, drop the “.0” after an exponent and write a non-finite number as null (which
 * Footprint never means to write). The text only shrinks, so this works in place. */
static void
repair_numbers (char *text)
{
  char *r = text;
  char *w = text;
  gboolean in_string = FALSE;

  while (*r != '\0')
    {
      if (in_string)
        {
          if (*r == '\\' && r[1] != '\0')
            *w++ = *r++;
          else if (*r == '"')
            in_string = FALSE;
          *w++ = *r++;
          continue;
        }

      if (*r == '"')
        {
          in_string = TRUE;
          *w++ = *r++;
          continue;
        }

      if (*r == '-' || g_ascii_isdigit (*r) || *r == 'i' || (*r == 'n' && r[1] == 'a'))
        {
          char *start = r;
          gsize len;

          while (*r != '\0' && strchr ("0123456789+-.eEinaf", *r) != NULL)
            r++;
          len = r - start;
          if (memchr (start, 'i', len) != NULL || memchr (start, 'n', len) != NULL)
            {
              memcpy (w, "null", 4);
              w += 4;
              continue;
            }
          if (len > 2 && memchr (start, 'e', len) != NULL && start[len - 2] == '.' &&
              start[len - 1] == '0')
            len -= 2;
          memmove (w, start, len);
          w += len;
          continue;
        }

      *w++ = *r++;
    }
  *w = '\0';
}

/**
 * fp_json_to_string:
 * @node: a JSON tree
 * @pretty: whether to indent it (two spaces)
 *
 * Returns: (transfer full): the tree as JSON text that any reader accepts, numbers of
 *   every size included
 */
char *
fp_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *text;

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  repair_numbers (text);
  return text;
}

/* ---- Reading fields -------------------------------------------------------------------- */

gboolean
fp_json_fail (FpJsonCtx        *ctx,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (ctx->error, FP_ERROR, FP_ERROR_INVALID_DATA,
               /* Translators: the first %s says where (“Dataset sites[3]”, “Change 2”),
                * the second what is wrong */
               _("%s: %s"), ctx->where, message);
  return FALSE;
}

JsonNode *
fp_json_member (JsonObject *object,
        const char *name)
{
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  return json_object_get_member (object, name);
}

gboolean
fp_json_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

gboolean
fp_json_read_string (FpJsonCtx         *ctx,
             JsonObject  *object,
             const char  *name,
             gboolean     required,
             char       **out)
{
  JsonNode *node = fp_json_member (object, name);
  g_autofree char *problem = NULL;

  if (fp_json_is_null (node))
    {
      if (required)
        return fp_json_fail (ctx, _("the field “%s” is missing"), name);
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fp_json_fail (ctx, _("the field “%s” must be text"), name);

  if (required && *json_node_get_string (node) == '\0')
    return fp_json_fail (ctx, _("the field “%s” is empty"), name);

  /* Text built in memory (the command line's, a document's) has not been through
   * fp_json_parse(); it may still end up in a message or on a screen. */
  problem = fp_text_problem (json_node_get_string (node), FP_TEXT_PROSE);
  if (problem != NULL)
    return fp_json_fail (ctx, _("the field “%s” holds %s"), name, problem);

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/**
 * fp_json_read_text:
 * @ctx: the record
 * @object: its object
 * @name: the field
 * @flags: required or not; prose (line breaks allowed) or a name or id
 * @max_chars: the longest text allowed
 * @out: (out): the text, trimmed, or %NULL when it is absent (or blank and optional)
 *
 * Reads a text field by fp_text_clean()'s rule.
 *
 * Returns: %FALSE with the context's error set when the field is wrong
 */
gboolean
fp_json_read_text (FpJsonCtx    *ctx,
                   JsonObject   *object,
                   const char   *name,
                   FpTextFlags   flags,
                   guint         max_chars,
                   char        **out)
{
  JsonNode *node = fp_json_member (object, name);
  g_autoptr(GError) local_error = NULL;

  *out = NULL;
  if (fp_json_is_null (node))
    {
      if (flags & FP_TEXT_REQUIRED)
        return fp_json_fail (ctx, _("the field “%s” is missing"), name);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fp_json_fail (ctx, _("the field “%s” must be text"), name);

  *out = fp_text_clean (json_node_get_string (node), flags, max_chars, name, &local_error);
  if (local_error != NULL)
    return fp_json_fail (ctx, "%s", local_error->message);

  return TRUE;
}

gboolean
fp_json_node_number (JsonNode *node,
             double   *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;

  return isfinite (*out);
}

/* Reads an optional number; absent or null gives NAN. */
gboolean
fp_json_read_number (FpJsonCtx        *ctx,
             JsonObject *object,
             const char *name,
             double      min,
             double      max,
             double     *out)
{
  JsonNode *node = fp_json_member (object, name);

  if (fp_json_is_null (node))
    {
      *out = NAN;
      return TRUE;
    }

  if (!fp_json_node_number (node, out))
    return fp_json_fail (ctx, _("the field “%s” must be a number"), name);

  if (*out < min || *out > max)
    return fp_json_fail (ctx, _("the field “%s” is %g, outside %g to %g"), name, *out, min, max);

  return TRUE;
}

gboolean
fp_json_read_required_number (FpJsonCtx        *ctx,
                      JsonObject *object,
                      const char *name,
                      double      min,
                      double      max,
                      double     *out)
{
  if (!fp_json_read_number (ctx, object, name, min, max, out))
    return FALSE;

  if (isnan (*out))
    return fp_json_fail (ctx, _("the field “%s” is missing"), name);

  return TRUE;
}

gboolean
fp_json_read_int (FpJsonCtx        *ctx,
          JsonObject *object,
          const char *name,
          int         min,
          int         max,
          int        *out)
{
  double value;

  if (!fp_json_read_number (ctx, object, name, min, max, &value))
    return FALSE;

  if (isnan (value))
    {
      *out = 0;
      return TRUE;
    }

  if (value != floor (value))
    return fp_json_fail (ctx, _("the field “%s” must be a whole number"), name);

  *out = (int) value;
  return TRUE;
}

JsonArray *
fp_json_read_array (FpJsonCtx        *ctx,
            JsonObject *object,
            const char *name,
            gboolean    required)
{
  JsonNode *node = fp_json_member (object, name);

  if (fp_json_is_null (node))
    {
      if (required)
        fp_json_fail (ctx, _("the list “%s” is missing"), name);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fp_json_fail (ctx, _("the field “%s” must be a list"), name);
      return NULL;
    }

  return json_node_get_array (node);
}

JsonObject *
fp_json_element_object (FpJsonCtx       *ctx,
                JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fp_json_fail (ctx, _("the entry is not an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

/* ---- Reading fields of a document read by fp_json_doc_parse() --------------------------- */

/* The same rules and words as the readers of json-glib nodes above. Every string in such a
 * document has passed fp_text_problem() already, in the scan. */

/**
 * fp_json_value_member:
 * @object: (nullable): a value
 * @name: a field name
 *
 * Returns: (nullable): the member @name of @object; %NULL when it has none, or when
 *   @object is %NULL or not an object
 */
const FpJsonValue *
fp_json_value_member (const FpJsonValue *object,
                      const char        *name)
{
  if (object == NULL || object->type != FP_JSON_OBJECT)
    return NULL;

  for (guint i = 0; i < object->n_items; i++)
    {
      const FpJsonValue *member = &object->items[i];

      if (member->key[0] == name[0] && strcmp (member->key, name) == 0)
        return member;
    }

  return NULL;
}

gboolean
fp_json_value_is_null (const FpJsonValue *value)
{
  return value == NULL || value->type == FP_JSON_NULL;
}

gboolean
fp_json_value_number (const FpJsonValue *value,
                      double            *out)
{
  if (value == NULL || value->type != FP_JSON_NUMBER)
    return FALSE;

  *out = value->number;
  return isfinite (*out);
}

gboolean
fp_json_value_read_string (FpJsonCtx          *ctx,
                           const FpJsonValue  *object,
                           const char         *name,
                           gboolean            required,
                           char              **out)
{
  const FpJsonValue *value = fp_json_value_member (object, name);

  if (fp_json_value_is_null (value))
    {
      if (required)
        return fp_json_fail (ctx, _("the field “%s” is missing"), name);
      *out = NULL;
      return TRUE;
    }

  if (value->type != FP_JSON_STRING)
    return fp_json_fail (ctx, _("the field “%s” must be text"), name);

  if (required && *value->string == '\0')
    return fp_json_fail (ctx, _("the field “%s” is empty"), name);

  *out = g_strdup (value->string);
  return TRUE;
}

/* Reads an optional number; absent or null gives NAN. */
gboolean
fp_json_value_read_number (FpJsonCtx         *ctx,
                           const FpJsonValue *object,
                           const char        *name,
                           double             min,
                           double             max,
                           double            *out)
{
  const FpJsonValue *value = fp_json_value_member (object, name);

  if (fp_json_value_is_null (value))
    {
      *out = NAN;
      return TRUE;
    }

  if (!fp_json_value_number (value, out))
    return fp_json_fail (ctx, _("the field “%s” must be a number"), name);

  if (*out < min || *out > max)
    return fp_json_fail (ctx, _("the field “%s” is %g, outside %g to %g"), name, *out, min, max);

  return TRUE;
}

gboolean
fp_json_value_read_required_number (FpJsonCtx         *ctx,
                                    const FpJsonValue *object,
                                    const char        *name,
                                    double             min,
                                    double             max,
                                    double            *out)
{
  if (!fp_json_value_read_number (ctx, object, name, min, max, out))
    return FALSE;

  if (isnan (*out))
    return fp_json_fail (ctx, _("the field “%s” is missing"), name);

  return TRUE;
}

gboolean
fp_json_value_read_int (FpJsonCtx         *ctx,
                        const FpJsonValue *object,
                        const char        *name,
                        int                min,
                        int                max,
                        int               *out)
{
  double value;

  if (!fp_json_value_read_number (ctx, object, name, min, max, &value))
    return FALSE;

  if (isnan (value))
    {
      *out = 0;
      return TRUE;
    }

  if (value != floor (value))
    return fp_json_fail (ctx, _("the field “%s” must be a whole number"), name);

  *out = (int) value;
  return TRUE;
}

/* The list @name of @object; NULL when it is absent (an error if @required) or not a list
 * (an error). */
const FpJsonValue *
fp_json_value_read_list (FpJsonCtx         *ctx,
                         const FpJsonValue *object,
                         const char        *name,
                         gboolean           required)
{
  const FpJsonValue *value = fp_json_value_member (object, name);

  if (fp_json_value_is_null (value))
    {
      if (required)
        fp_json_fail (ctx, _("the list “%s” is missing"), name);
      return NULL;
    }

  if (value->type != FP_JSON_LIST)
    {
      fp_json_fail (ctx, _("the field “%s” must be a list"), name);
      return NULL;
    }

  return value;
}

/* Entry @i of @list, which must be an object. */
const FpJsonValue *
fp_json_value_item_object (FpJsonCtx         *ctx,
                           const FpJsonValue *list,
                           guint              i)
{
  const FpJsonValue *item = &list->items[i];

  if (item->type != FP_JSON_OBJECT)
    {
      fp_json_fail (ctx, _("the entry is not an object"));
      return NULL;
    }

  return item;
}
