/* crash-writer.c — the process test-crash kills: commits edits in a loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: crash-writer STORE STUDY_ID LAST_SEQ
 *
 * Continues from where the previous (killed) writer stopped: edit number `seq` is the
 * audit log's length. Edit seq is, by seq % 3: 0 add finding "f-<seq>" with English text
 * "finding <seq>", 1 set the Spanish text of f-<seq-1> to "texto <seq>", 2 add box
 * "b-<seq>" to f-<seq-2>. Each carries "author": "crash-writer" and "seq". After
 * hilum_store_commit_operation() returns, and only then, it prints "committed <seq>".
 */
#include <stdio.h>
#include <stdlib.h>

#include "hilum-document.h"
#include "hilum-operation.h"
#include "hilum-store.h"

static HilumOperation *
make_operation (guint seq)
{
  g_autofree char *finding_id = g_strdup_printf ("f-%u", seq - seq % 3);
  HilumOperation *op = NULL;

  switch (seq % 3)
    {
    case 0:
      {
        g_autoptr(JsonObject) finding = hilum_finding_new ("positive");
        g_autoptr(JsonObject) text = json_object_new ();
        g_autofree char *en = g_strdup_printf ("finding %u", seq);

        json_object_set_string_member (finding, "finding_id", finding_id);
        json_object_set_string_member (text, "en", en);
        json_object_set_string_member (text, "es", "");
        json_object_set_object_member (finding, "text", g_steal_pointer (&text));
        op = hilum_operation_new_add_finding (finding, -1);
      }
      break;

    case 1:
      {
        g_autofree char *es = g_strdup_printf ("texto %u", seq);

        op = hilum_operation_new_set_text (finding_id, "es", es);
      }
      break;

    default:
      {
        g_autofree char *box_id = g_strdup_printf ("b-%u", seq);
        double x = (seq % 97) / 200.0;
        const double xyxy[4] = { x, x / 2, x + 0.25, x / 2 + 0.5 };

        op = hilum_operation_new_add_box (finding_id, "r1", "img-f", box_id, xyxy);
      }
      break;
    }

  json_object_set_string_member (hilum_operation_get_json (op), "author", "crash-writer");
  json_object_set_int_member (hilum_operation_get_json (op), "seq", seq);
  return op;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(HilumDocument) document = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  guint last;

  if (argc != 4)
    {
      g_printerr ("usage: crash-writer STORE STUDY_ID LAST_SEQ\n");
      return 2;
    }
  last = atoi (argv[3]);

  if ((store = hilum_store_open (argv[1], &error)) == NULL ||
      (document = hilum_store_get_document (store, argv[2], &error)) == NULL ||
      (audit = hilum_store_get_audit (store, argv[2], &error)) == NULL)
    {
      g_printerr ("crash-writer: %s\n", error->message);
      return 1;
    }

  for (guint seq = audit->len; seq <= last; seq++)
    {
      g_autoptr(HilumOperation) op = make_operation (seq);

      if (!hilum_store_commit_operation (store, document, op, &error))
        {
          g_printerr ("crash-writer: edit %u: %s\n", seq, error->message);
          return 1;
        }
      printf ("committed %u\n", seq);
      fflush (stdout);
    }

  printf ("done\n");
  fflush (stdout);
  return 0;
}
