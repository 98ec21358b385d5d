/* fuzz-document.c — the hilum-study/1 reader, then every typed accessor and the
 * bilingual checks on what it accepted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hilum-document.h"
#include "hilum-translation-check.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(HilumDocument) document = hilum_document_new_from_string ((const char *) data, (gssize) size, NULL);
  g_autofree char *written = NULL;

  if (document == NULL)
    return 0;
  for (guint i = 0; i < hilum_document_get_n_findings (document); i++)
    {
      const char *id = hilum_document_get_finding_id (document, i);
      g_auto(GStrv) labels = hilum_document_dup_finding_labels (document, id);
      g_auto(GStrv) locations = hilum_document_dup_finding_locations (document, id);

      (void) hilum_document_get_finding_text (document, id, "en");
      (void) hilum_document_get_finding_text (document, id, "es");
      (void) hilum_document_get_finding_polarity (document, id);
    }
  g_ptr_array_unref (hilum_translation_check_document (document));
  written = hilum_document_to_string (document, FALSE);
  return 0;
}
