/* hilum-worklist-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-worklist-item"

#include "config.h"

#include "hilum-worklist-item.h"

struct _HilumWorklistItem
{
  GObject           parent_instance;

  HilumWorklistRow *row;
  HilumStudy       *study;
};

G_DEFINE_FINAL_TYPE (HilumWorklistItem, hilum_worklist_item, G_TYPE_OBJECT)

static void
hilum_worklist_item_finalize (GObject *object)
{
  HilumWorklistItem *self = (HilumWorklistItem *)object;

  g_clear_pointer (&self->row, hilum_worklist_row_free);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (hilum_worklist_item_parent_class)->finalize (object);
}

static void
hilum_worklist_item_class_init (HilumWorklistItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hilum_worklist_item_finalize;
}

static void
hilum_worklist_item_init (HilumWorklistItem *self)
{
}

HilumWorklistItem *
hilum_worklist_item_new_from_row (HilumWorklistRow *row)
{
  HilumWorklistItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (HILUM_TYPE_WORKLIST_ITEM, NULL);
  self->row = row;
  return self;
}

HilumWorklistItem *
hilum_worklist_item_new_for_study (HilumStudy *study)
{
  HilumWorklistRow *row;

  g_return_val_if_fail (HILUM_IS_STUDY (study), NULL);

  row = g_new0 (HilumWorklistRow, 1);
  row->study_id = g_strdup (hilum_study_get_id (study));
  row->title = g_strdup (hilum_study_get_title (study));
  row->study_date = g_strdup ("");
  row->status = HILUM_STUDY_STATUS_NEW;
  {
    HilumWorklistItem *self = hilum_worklist_item_new_from_row (row);

    self->study = g_object_ref (study);
    return self;
  }
}

const char *
hilum_worklist_item_get_study_id (HilumWorklistItem *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST_ITEM (self), NULL);

  return self->row->study_id;
}

const char *
hilum_worklist_item_get_title (HilumWorklistItem *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST_ITEM (self), NULL);

  /* The store titles a study without findings by its id (a long UID): the scanned
   * study has a readable one (description and date, or the folder). */
  if (self->study != NULL && g_strcmp0 (self->row->title, self->row->study_id) == 0)
    return hilum_study_get_title (self->study);
  return self->row->title != NULL ? self->row->title : self->row->study_id;
}

HilumStudyStatus
hilum_worklist_item_get_status (HilumWorklistItem *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST_ITEM (self), HILUM_STUDY_STATUS_NEW);

  return self->row->status;
}

guint
hilum_worklist_item_get_n_findings (HilumWorklistItem *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST_ITEM (self), 0);

  return self->row->n_findings;
}

guint
hilum_worklist_item_get_n_boxes (HilumWorklistItem *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST_ITEM (self), 0);

  return self->row->n_boxes;
}

guint
hilum_worklist_item_get_n_conflicts (HilumWorklistItem *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST_ITEM (self), 0);

  return self->row->n_conflicts;
}

HilumStudy *
hilum_worklist_item_get_study (HilumWorklistItem *self)
{
  g_return_val_if_fail (HILUM_IS_WORKLIST_ITEM (self), NULL);

  return self->study;
}

void
hilum_worklist_item_set_study (HilumWorklistItem *self,
                               HilumStudy        *study)
{
  g_return_if_fail (HILUM_IS_WORKLIST_ITEM (self));

  g_set_object (&self->study, study);
}
