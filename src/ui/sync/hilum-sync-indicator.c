/* hilum-sync-indicator.c — the header's sync state: synced, pending, offline, conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A menu button in the header bar: an icon and a short word for the state, and a
 * popover that says it in full (the reason of an error, what the last run did) with
 * Sync Now and the server settings. Hidden while no server is set.
 */
#define G_LOG_DOMAIN "hilum-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-sync-indicator.h"

struct _HilumSyncIndicator
{
  GtkWidget         parent_instance;

  HilumSyncService *service;
  GtkWidget        *button;
  GtkWidget        *icon;
  GtkWidget        *label;
  GtkWidget        *state_label;
  GtkWidget        *detail_label;
  char             *text;
};

G_DEFINE_FINAL_TYPE (HilumSyncIndicator, hilum_sync_indicator, GTK_TYPE_WIDGET)

static const char *
state_icon (HilumSyncState state)
{
  switch (state)
    {
    case HILUM_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case HILUM_SYNC_STATE_SYNCED:
      return "emblem-ok-symbolic";
    case HILUM_SYNC_STATE_PENDING:
      return "document-send-symbolic";
    case HILUM_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case HILUM_SYNC_STATE_CONFLICTS:
    case HILUM_SYNC_STATE_ERROR:
      return "dialog-warning-symbolic";
    case HILUM_SYNC_STATE_DISCONNECTED:
    default:
      return "network-server-symbolic";
    }
}

static void
update (HilumSyncIndicator *self)
{
  HilumSyncState state = hilum_sync_service_get_state (self->service);
  HilumSyncSummary *summary = hilum_sync_service_get_last_summary (self->service);
  const char *message = hilum_sync_service_get_message (self->service);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *tooltip = NULL;

  g_free (self->text);
  self->text = hilum_sync_service_describe (self->service);
  gtk_label_set_label (GTK_LABEL (self->label), self->text);
  gtk_label_set_label (GTK_LABEL (self->state_label), self->text);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), state_icon (state));
  gtk_widget_set_visible (GTK_WIDGET (self), state != HILUM_SYNC_STATE_DISCONNECTED);

  if (message != NULL)
    g_string_append (detail, message);
  if (hilum_sync_service_get_n_pending (self->service) > 0 && state != HILUM_SYNC_STATE_PENDING)
    {
      guint n = hilum_sync_service_get_n_pending (self->service);

      if (detail->len > 0)
        g_string_append_c (detail, '\n');
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE,
                                                   "%u study waits to go up; nothing is lost.",
                                                   "%u studies wait to go up; nothing is lost.", n), n);
    }
  if (hilum_sync_service_get_n_conflicts (self->service) > 0)
    {
      if (detail->len > 0)
        g_string_append_c (detail, '\n');
      g_string_append (detail, _("Studies marked in the worklist have values changed on two computers: open them to choose."));
    }
  if (summary != NULL && message == NULL)
    {
      if (detail->len > 0)
        g_string_append_c (detail, '\n');
      /* TRANSLATORS: what the last sync did */
      g_string_append_printf (detail, _("Last sync: %u sent, %u received, %u merged."),
                              summary->pushed, summary->pulled, summary->merged);
    }
  gtk_label_set_label (GTK_LABEL (self->detail_label), detail->str);
  gtk_widget_set_visible (self->detail_label, detail->len > 0);

  /* TRANSLATORS: the sync button's tooltip, %s its state ("3 pending") */
  tooltip = g_strdup_printf (_("Sync: %s"), self->text);
  gtk_widget_set_tooltip_text (self->button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
hilum_sync_indicator_dispose (GObject *object)
{
  HilumSyncIndicator *self = HILUM_SYNC_INDICATOR (object);

  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (hilum_sync_indicator_parent_class)->dispose (object);
}

static void
hilum_sync_indicator_finalize (GObject *object)
{
  g_free (HILUM_SYNC_INDICATOR (object)->text);

  G_OBJECT_CLASS (hilum_sync_indicator_parent_class)->finalize (object);
}

static void
hilum_sync_indicator_class_init (HilumSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_sync_indicator_dispose;
  object_class->finalize = hilum_sync_indicator_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hilumsyncindicator");
}

static void
hilum_sync_indicator_init (HilumSyncIndicator *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sync_now = gtk_button_new_with_mnemonic (_("_Sync Now"));
  GtkWidget *settings = gtk_button_new_with_mnemonic (_("Server _Settings…"));
  GtkWidget *popover = gtk_popover_new ();

  self->icon = gtk_image_new ();
  self->label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (content), self->icon);
  gtk_box_append (GTK_BOX (content), self->label);

  self->state_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->state_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->state_label), 0);
  self->detail_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->detail_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->detail_label), 40);
  gtk_label_set_xalign (GTK_LABEL (self->detail_label), 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sync_now), "app.sync-now");
  gtk_widget_add_css_class (sync_now, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (settings), "app.connect-server");
  gtk_box_append (GTK_BOX (buttons), sync_now);
  gtk_box_append (GTK_BOX (buttons), settings);
  gtk_box_append (GTK_BOX (box), self->state_label);
  gtk_box_append (GTK_BOX (box), self->detail_label);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
hilum_sync_indicator_new (HilumSyncService *service)
{
  HilumSyncIndicator *self;

  g_return_val_if_fail (HILUM_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (HILUM_TYPE_SYNC_INDICATOR, NULL);
  self->service = g_object_ref (service);
  g_signal_connect_swapped (service, "notify", G_CALLBACK (update), self);
  g_signal_connect_swapped (service, "finished", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}

const char *
hilum_sync_indicator_get_label (HilumSyncIndicator *self)
{
  g_return_val_if_fail (HILUM_IS_SYNC_INDICATOR (self), NULL);
  return self->text;
}
