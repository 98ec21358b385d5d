/* hilum-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-preferences-window.h"
#include "hilum-resources-private.h"

struct _HilumPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwComboRow         *pointer_tool_row;
  GtkSwitch           *invert_switch;
  GtkSwitch           *overlays_switch;
  GtkSwitch           *patient_switch;
  GtkSwitch           *link_switch;
  GtkListBox          *presets_list;
  AdwEntryRow         *reader_id_row;
  AdwEntryRow         *reader_name_row;
  AdwComboRow         *reader_role_row;
  GtkSwitch           *other_readers_switch;

  GSettings           *settings;
  HilumPresetStore    *presets;
};

G_DEFINE_FINAL_TYPE (HilumPreferencesWindow, hilum_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row lists the tools in the order of the schema's enum. */
static gboolean
tool_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_uint (value, g_strcmp0 (g_variant_get_string (variant, NULL), "window-level") == 0);
  return TRUE;
}

static GVariant *
tool_set_mapping (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "window-level" : "pan");
}

static void
remove_clicked_cb (GtkButton              *button,
                   HilumPreferencesWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  hilum_preset_store_remove (self->presets, index);
}

static void
hilum_preferences_window_rebuild_presets (HilumPreferencesWindow *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->presets_list))))
    gtk_list_box_remove (self->presets_list, child);

  n = hilum_preset_store_get_n_presets (self->presets);
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No presets saved yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->presets_list, row);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *name;
      double center, width;
      g_autofree char *subtitle = NULL;
      g_autofree char *remove_label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      hilum_preset_store_get_preset (self->presets, i, &name, &center, &width);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      /* Translators: window center and width of a saved preset */
      subtitle = g_strdup_printf (_("Center %.0f, width %.0f"), center, width);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      /* Translators: %s is the name of a window preset */
      remove_label = g_strdup_printf (_("Remove “%s”"), name);
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->presets_list, row);
    }
}

static void
hilum_preferences_window_dispose (GObject *object)
{
  HilumPreferencesWindow *self = (HilumPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->presets);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hilum_preferences_window_parent_class)->dispose (object);
}

/* The reader is applied with the row's button (or Enter), not at every key: a new
 * reader starts new editing sessions. */
static void
reader_id_apply_cb (HilumPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reader_id_row))));

  g_settings_set_string (self->settings, "reader-id", text);
}

static void
reader_name_apply_cb (HilumPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reader_name_row))));

  g_settings_set_string (self->settings, "reader-name", text);
}

static const char *roles[] = { "reader", "reviewer", "translator" };

static gboolean
role_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *role = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (role, roles[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
role_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (roles[i < G_N_ELEMENTS (roles) ? i : 0]);
}

static void
hilum_preferences_window_class_init (HilumPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_preferences_window_dispose;

  hilum_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hilum/Hilum/hilum-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, pointer_tool_row);
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, invert_switch);
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, overlays_switch);
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, patient_switch);
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, link_switch);
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, presets_list);
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, reader_id_row);
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, reader_name_row);
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, reader_role_row);
  gtk_widget_class_bind_template_child (widget_class, HilumPreferencesWindow, other_readers_switch);
  gtk_widget_class_bind_template_callback (widget_class, reader_id_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, reader_name_apply_cb);
}

static void
hilum_preferences_window_init (HilumPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HilumPreferencesWindow *
hilum_preferences_window_new (GSettings        *settings,
                              HilumPresetStore *presets)
{
  HilumPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (HILUM_IS_PRESET_STORE (presets), NULL);

  self = g_object_new (HILUM_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  self->presets = g_object_ref (presets);

  g_settings_bind (settings, "invert-vertical-drag", self->invert_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-overlays", self->overlays_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-patient-info", self->patient_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "link-window-level", self->link_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "pointer-tool", self->pointer_tool_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, tool_get_mapping, tool_set_mapping, NULL, NULL);

  {
    g_autofree char *reader_id = g_settings_get_string (settings, "reader-id");
    g_autofree char *reader_name = g_settings_get_string (settings, "reader-name");

    /* Empty settings mean the login's names: show what is used. */
    gtk_editable_set_text (GTK_EDITABLE (self->reader_id_row),
                           reader_id[0] != '\0' ? reader_id : g_get_user_name ());
    gtk_editable_set_text (GTK_EDITABLE (self->reader_name_row),
                           reader_name[0] != '\0' ? reader_name : g_get_real_name ());
  }
  g_settings_bind_with_mapping (settings, "reader-role", self->reader_role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, role_get_mapping, role_set_mapping, NULL, NULL);
  g_settings_bind (settings, "show-other-readers", self->other_readers_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (presets, "changed",
                           G_CALLBACK (hilum_preferences_window_rebuild_presets), self, G_CONNECT_SWAPPED);
  hilum_preferences_window_rebuild_presets (self);

  return self;
}
