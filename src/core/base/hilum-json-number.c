/* hilum-json-number.c — numbers and JSON written byte for byte as Hilum wants them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-json-number"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hilum-json-number.h"

/* The shortest "%.{p-1}e" that reads back to @value: digits without the point, and the
 * decimal exponent of the first digit. Locale-independent (g_ascii_*). */
static void
shortest_digits (double  value,
                 char    digits[32],
                 int    *exponent)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  const char *e;
  int n = 0;

  for (int precision = 1; precision <= 17; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%de", precision - 1);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  /* buffer is "d.ddde±XX" (or "de±XX" for one digit). */
  for (const char *p = buffer; *p != '\0' && *p != 'e'; p++)
    if (g_ascii_isdigit (*p) && n < 31)
      digits[n++] = *p;
  while (n > 1 && digits[n - 1] == '0')
    n--;
  digits[n] = '\0';
  e = strchr (buffer, 'e');
  *exponent = e != NULL ? atoi (e + 1) : 0;
}

void
hilum_json_number_append (GString *out,
                          double   value)
{
  char digits[32];
  int exponent;
  int n;

  g_return_if_fail (out != NULL);

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  if (signbit (value))
    {
      g_string_append_c (out, '-');
      value = -value;
    }

  if (value == 0.0)
    {
      g_string_append (out, "0.0");
      return;
    }

  shortest_digits (value, digits, &exponent);
  n = strlen (digits);

  /* Python's repr(): fixed notation for 1e-4 <= |x| < 1e16, scientific otherwise. */
  if (exponent >= -4 && exponent < 16)
    {
      if (exponent >= 0)
        {
          for (int i = 0; i <= exponent; i++)
            g_string_append_c (out, i < n ? digits[i] : '0');
          g_string_append_c (out, '.');
          if (n > exponent + 1)
            g_string_append (out, digits + exponent + 1);
          else
            g_string_append_c (out, '0');
        }
      else
        {
          g_string_append (out, "0.");
          for (int i = 0; i < -exponent - 1; i++)
            g_string_append_c (out, '0');
          g_string_append (out, digits);
        }
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
}

char *
hilum_json_number_to_string (double value)
{
  GString *out = g_string_new (NULL);

  hilum_json_number_append (out, value);
  return g_string_free (out, FALSE);
}

static void
append_string (GString    *out,
               const char *string,
               gboolean    ascii)
{
  g_string_append_c (out, '"');
  for (const char *p = string; *p != '\0';)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          p++;
        }
      else if (c < 0x20)
        {
          switch (c)
            {
            case '\b': g_string_append (out, "\\b"); break;
            case '\f': g_string_append (out, "\\f"); break;
            case '\n': g_string_append (out, "\\n"); break;
            case '\r': g_string_append (out, "\\r"); break;
            case '\t': g_string_append (out, "\\t"); break;
            default: g_string_append_printf (out, "\\u%04x", c); break;
            }
          p++;
        }
      else if (c >= 0x80 && ascii)
        {
          gunichar u = g_utf8_get_char_validated (p, -1);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              /* json-glib only hands out valid UTF-8; keep the byte if it ever does not. */
              g_string_append_c (out, c);
              p++;
              continue;
            }
          if (u > 0xffff)
            {
              u -= 0x10000;
              g_string_append_printf (out, "\\u%04x\\u%04x",
                                      0xd800 + (u >> 10), 0xdc00 + (u & 0x3ff));
            }
          else
            {
              g_string_append_printf (out, "\\u%04x", u);
            }
          p = g_utf8_next_char (p);
        }
      else
        {
          g_string_append_c (out, c);
          p++;
        }
    }
  g_string_append_c (out, '"');
}

/* Deeper than this, a pretty-printed value goes on one line: indenting every level would
 * make the output grow with the square of the depth (a 45 KB file of kept unknown fields
 * nested 20,000 deep wrote 800 MB). Real records nest far less, and keep their layout. */
#define MAX_INDENTED_DEPTH 16

static void
append_newline (GString *out,
                int      indent,
                int      depth)
{
  if (indent < 0)
    return;
  g_string_append_c (out, '\n');
  for (int i = 0; i < indent * depth; i++)
    g_string_append_c (out, ' ');
}

static void
append_node (GString  *out,
             JsonNode *node,
             int       indent,
             gboolean  ascii,
             int       depth)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }

  if (indent >= 0 && depth >= MAX_INDENTED_DEPTH)
    indent = -1;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      gboolean first = TRUE;

      if (json_object_get_size (object) == 0)
        {
          g_string_append (out, "{}");
          return;
        }
      g_string_append_c (out, '{');
      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          if (!first)
            g_string_append (out, indent < 0 ? ", " : ",");
          first = FALSE;
          append_newline (out, indent, depth + 1);
          append_string (out, name, ascii);
          g_string_append (out, ": ");
          append_node (out, member, indent, ascii, depth + 1);
        }
      append_newline (out, indent, depth);
      g_string_append_c (out, '}');
      return;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      if (n == 0)
        {
          g_string_append (out, "[]");
          return;
        }
      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (out, indent < 0 ? ", " : ",");
          append_newline (out, indent, depth + 1);
          append_node (out, json_array_get_element (array, i), indent, ascii, depth + 1);
        }
      append_newline (out, indent, depth);
      g_string_append_c (out, ']');
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      hilum_json_number_append (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      append_string (out, json_node_get_string (node), ascii);
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

void
hilum_json_append_node (GString  *out,
                        JsonNode *node,
                        int       indent,
                        gboolean  ascii)
{
  g_return_if_fail (out != NULL);

  append_node (out, node, indent, ascii, 0);
}

char *
hilum_json_to_string (JsonNode *node,
                      int       indent,
                      gboolean  ascii)
{
  GString *out = g_string_new (NULL);

  append_node (out, node, indent, ascii, 0);
  return g_string_free (out, FALSE);
}

static gboolean
equal (JsonNode  *a,
       JsonNode  *b,
       gboolean   strict,
       GString   *path)
{
  JsonNodeType type = json_node_get_node_type (a);

  if (type != json_node_get_node_type (b))
    return FALSE;

  switch (type)
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a);
        JsonObject *ob = json_node_get_object (b);
        JsonObjectIter ia, ib;
        const char *na, *nb;
        JsonNode *ma, *mb;

        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;
        json_object_iter_init_ordered (&ia, oa);
        json_object_iter_init_ordered (&ib, ob);
        while (json_object_iter_next_ordered (&ia, &na, &ma)
               && json_object_iter_next_ordered (&ib, &nb, &mb))
          {
            gsize len = path != NULL ? path->len : 0;

            if (path != NULL)
              g_string_append_printf (path, ".%s", na);
            if (strcmp (na, nb) != 0 || !equal (ma, mb, strict, path))
              return FALSE;
            if (path != NULL)
              g_string_truncate (path, len);
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *aa = json_node_get_array (a);
        JsonArray *ab = json_node_get_array (b);
        guint n = json_array_get_length (aa);

        if (n != json_array_get_length (ab))
          return FALSE;
        for (guint i = 0; i < n; i++)
          {
            gsize len = path != NULL ? path->len : 0;

            if (path != NULL)
              g_string_append_printf (path, "[%u]", i);
            if (!equal (json_array_get_element (aa, i), json_array_get_element (ab, i),
                        strict, path))
              return FALSE;
            if (path != NULL)
              g_string_truncate (path, len);
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      {
        GType ta = json_node_get_value_type (a);
        GType tb = json_node_get_value_type (b);
        gboolean na = ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE;
        gboolean nb = tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE;

        if (na && nb)
          {
            if (ta == G_TYPE_INT64 && tb == G_TYPE_INT64)
              return json_node_get_int (a) == json_node_get_int (b);
            if (strict && ta != tb)
              return FALSE;
            return json_node_get_double (a) == json_node_get_double (b);
          }
        if (ta != tb)
          return FALSE;
        if (ta == G_TYPE_BOOLEAN)
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        if (ta == G_TYPE_STRING)
          return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
        return FALSE;
      }

    default:
      return FALSE;
    }
}

gboolean
hilum_json_equal (JsonNode *a,
                  JsonNode *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return equal (a, b, TRUE, NULL);
}

gboolean
hilum_json_equal_values (JsonNode  *a,
                         JsonNode  *b,
                         char     **where)
{
  g_autoptr(GString) path = g_string_new ("$");
  gboolean result;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  result = equal (a, b, FALSE, path);
  if (where != NULL)
    *where = result ? NULL : g_strdup (path->str);
  return result;
}
