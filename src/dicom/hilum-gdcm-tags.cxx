/* hilum-gdcm-tags.cxx — the metadata of a DICOM file, as HilumRaw wants it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-gdcm-tags"

#include <cstring>
#include <string>
#include <vector>

#include <gdcmByteValue.h>
#include <gdcmDataSet.h>
#include <gdcmFile.h>
#include <gdcmImageHelper.h>
#include <gdcmPixelFormat.h>
#include <gdcmSequenceOfItems.h>
#include <gdcmStringFilter.h>
#include <gdcmTransferSyntax.h>

#include "hilum-decode-protocol.h"
#include "hilum-gdcm-private.h"

namespace {

std::string
trim (const std::string &s)
{
  size_t begin = s.find_first_not_of (std::string (" \0", 2));
  size_t end = s.find_last_not_of (std::string (" \0", 2));

  if (begin == std::string::npos)
    return std::string ();
  return s.substr (begin, end - begin + 1);
}

const char *
iconv_name (const std::string &charset)
{
  /* Only the first value matters for single-byte sets; ISO 2022 extensions are rare
   * in radiographs and fall back to Latin-1 below. */
  std::string first = charset.substr (0, charset.find ('\\'));

  first = trim (first);
  if (first == "ISO_IR 192")
    return "UTF-8";
  if (first == "ISO_IR 100" || first == "ISO 2022 IR 100")
    return "ISO-8859-1";
  if (first == "ISO_IR 101" || first == "ISO 2022 IR 101")
    return "ISO-8859-2";
  if (first == "ISO_IR 109" || first == "ISO 2022 IR 109")
    return "ISO-8859-3";
  if (first == "ISO_IR 110" || first == "ISO 2022 IR 110")
    return "ISO-8859-4";
  if (first == "ISO_IR 144" || first == "ISO 2022 IR 144")
    return "ISO-8859-5";
  if (first == "ISO_IR 127" || first == "ISO 2022 IR 127")
    return "ISO-8859-6";
  if (first == "ISO_IR 126" || first == "ISO 2022 IR 126")
    return "ISO-8859-7";
  if (first == "ISO_IR 138" || first == "ISO 2022 IR 138")
    return "ISO-8859-8";
  if (first == "ISO_IR 148" || first == "ISO 2022 IR 148")
    return "ISO-8859-9";
  if (first == "GB18030" || first == "GBK")
    return "GB18030";
  return NULL;
}

/* JSON needs UTF-8, and patient names in Spanish archives are often Latin-1. */
char *
to_utf8 (const std::string &value,
         const char        *encoding)
{
  if (encoding != NULL && strcmp (encoding, "UTF-8") != 0)
    {
      char *converted = g_convert (value.data (), value.size (), "UTF-8", encoding,
                                   NULL, NULL, NULL);
      if (converted != NULL)
        return converted;
    }
  if (g_utf8_validate (value.data (), value.size (), NULL))
    return g_strndup (value.data (), value.size ());

  char *latin1 = g_convert (value.data (), value.size (), "UTF-8", "ISO-8859-1",
                            NULL, NULL, NULL);
  if (latin1 != NULL)
    return latin1;
  return g_utf8_make_valid (value.data (), value.size ());
}

class Tags
{
public:
  explicit Tags (const gdcm::File &file)
    : ds (file.GetDataSet ())
  {
    filter.SetFile (file);
    encoding = iconv_name (raw (0x0008, 0x0005));
  }

  bool
  has (uint16_t group,
       uint16_t element) const
  {
    gdcm::Tag tag (group, element);

    return ds.FindDataElement (tag) && !ds.GetDataElement (tag).IsEmpty ();
  }

  std::string
  raw (uint16_t group,
       uint16_t element) const
  {
    if (!has (group, element))
      return std::string ();
    return trim (filter.ToString (gdcm::Tag (group, element)));
  }

  char *
  utf8 (uint16_t group,
        uint16_t element) const
  {
    return to_utf8 (raw (group, element), encoding);
  }

  std::vector<double>
  numbers (uint16_t group,
           uint16_t element) const
  {
    std::vector<double> values;
    std::string s = raw (group, element);
    g_auto(GStrv) parts = g_strsplit (s.c_str (), "\\", -1);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        char *end = NULL;
        g_strstrip (parts[i]);
        if (parts[i][0] == '\0')
          continue;
        double v = g_ascii_strtod (parts[i], &end);
        if (end != NULL && *end == '\0')
          values.push_back (v);
      }
    return values;
  }

  double
  number (uint16_t group,
          uint16_t element,
          double   fallback) const
  {
    std::vector<double> v = numbers (group, element);

    return v.empty () ? fallback : v[0];
  }

private:
  const gdcm::DataSet &ds;
  gdcm::StringFilter filter;
  const char *encoding;
};

void
set_string (HilumRaw   *raw,
            const char *key,
            char       *value)
{
  hilum_raw_set_string (raw, key, value);
  g_free (value);
}

/* PS3.3 C.11.1: the first item's LUT Descriptor (entries, first stored value mapped,
 * bits per entry) and LUT Data. GDCM has already put binary values in host order. */
void
read_modality_lut (const gdcm::DataSet &ds,
                   HilumRaw            *raw)
{
  gdcm::Tag sequence_tag (0x0028, 0x3000);

  if (!ds.FindDataElement (sequence_tag))
    return;

  gdcm::SmartPointer<gdcm::SequenceOfItems> sequence = ds.GetDataElement (sequence_tag).GetValueAsSQ ();
  if (!sequence || sequence->GetNumberOfItems () < 1)
    return;

  const gdcm::DataSet &item = sequence->GetItem (1).GetNestedDataSet ();
  gdcm::Tag descriptor_tag (0x0028, 0x3002), data_tag (0x0028, 0x3006);
  if (!item.FindDataElement (descriptor_tag) || !item.FindDataElement (data_tag))
    return;

  const gdcm::ByteValue *descriptor = item.GetDataElement (descriptor_tag).GetByteValue ();
  const gdcm::ByteValue *data = item.GetDataElement (data_tag).GetByteValue ();
  if (descriptor == NULL || data == NULL || descriptor->GetLength () < 6)
    return;

  guint16 d[3];
  memcpy (d, descriptor->GetPointer (), sizeof d);
  guint length = d[0] == 0 ? 65536 : d[0];
  const guint8 *bytes = (const guint8 *) data->GetPointer ();

  raw->modality_lut = g_new (guint16, length);
  if (data->GetLength () >= length * 2)
    memcpy (raw->modality_lut, bytes, length * 2);
  else if (d[2] <= 8 && data->GetLength () >= length)
    /* Some writers pack 8-bit entries one per byte. */
    for (guint i = 0; i < length; i++)
      raw->modality_lut[i] = bytes[i];
  else
    {
      g_clear_pointer (&raw->modality_lut, g_free);
      return;
    }

  raw->modality_lut_length = length;
  raw->modality_lut_first = raw->pixel_representation == 1 ? (gint16) d[1] : d[1];
  raw->rescale_slope = 1.0;
  raw->rescale_intercept = 0.0;
}

} /* namespace */

namespace hilum_gdcm {

std::string
transfer_syntax_uid (const gdcm::File &file)
{
  const gdcm::FileMetaInformation &header = file.GetHeader ();
  gdcm::Tag tag (0x0002, 0x0010);

  if (header.FindDataElement (tag))
    {
      const gdcm::ByteValue *bv = header.GetDataElement (tag).GetByteValue ();
      if (bv != NULL)
        return trim (std::string (bv->GetPointer (), bv->GetLength ()));
    }
  const char *uid = gdcm::TransferSyntax::GetTSString (header.GetDataSetTransferSyntax ());
  return uid != NULL ? trim (uid) : std::string ();
}

/* Everything but the pixels, as described in hilum-gdcm-private.h. */
void
fill_metadata (const gdcm::File &file,
               HilumRaw         *raw)
{
  Tags tags (file);
  static const struct { const char *key; uint16_t group, element; } strings[] = {
    { HILUM_IMAGE_SOP_INSTANCE_UID, 0x0008, 0x0018 },
    { HILUM_IMAGE_STUDY_INSTANCE_UID, 0x0020, 0x000d },
    { HILUM_IMAGE_SERIES_INSTANCE_UID, 0x0020, 0x000e },
    { HILUM_IMAGE_MODALITY, 0x0008, 0x0060 },
    { HILUM_IMAGE_VIEW_POSITION, 0x0018, 0x5101 },
    { HILUM_IMAGE_SERIES_DESCRIPTION, 0x0008, 0x103e },
    { HILUM_IMAGE_PROTOCOL_NAME, 0x0018, 0x1030 },
    { HILUM_IMAGE_PATIENT_ORIENTATION, 0x0020, 0x0020 },
    { HILUM_IMAGE_PATIENT_NAME, 0x0010, 0x0010 },
    { HILUM_IMAGE_PATIENT_ID, 0x0010, 0x0020 },
    { HILUM_IMAGE_STUDY_DATE, 0x0008, 0x0020 },
    { HILUM_IMAGE_STUDY_DESCRIPTION, 0x0008, 0x1030 },
    { HILUM_IMAGE_PHOTOMETRIC, 0x0028, 0x0004 },
  };

  for (const auto &s : strings)
    set_string (raw, s.key, tags.utf8 (s.group, s.element));
  set_string (raw, HILUM_IMAGE_TRANSFER_SYNTAX, g_strdup (transfer_syntax_uid (file).c_str ()));

  std::vector<unsigned int> dims = gdcm::ImageHelper::GetDimensionsValue (file);
  raw->width = dims.size () > 0 ? dims[0] : 0;
  raw->height = dims.size () > 1 ? dims[1] : 0;
  raw->frames = dims.size () > 2 && dims[2] > 0 ? dims[2] : 1;

  gdcm::PixelFormat pf = gdcm::ImageHelper::GetPixelFormatValue (file);
  raw->bits_allocated = pf.GetBitsAllocated ();
  raw->bits_stored = pf.GetBitsStored ();
  raw->pixel_representation = pf.GetPixelRepresentation ();
  raw->samples_per_pixel = pf.GetSamplesPerPixel ();

  /* Read the tags themselves: GDCM's Image applies rescale only for some SOP classes. */
  raw->rescale_slope = tags.number (0x0028, 0x1053, 1.0);
  raw->rescale_intercept = tags.number (0x0028, 0x1052, 0.0);
  if (raw->rescale_slope == 0.0)
    raw->rescale_slope = 1.0;

  std::vector<double> centers = tags.numbers (0x0028, 0x1050);
  std::vector<double> widths = tags.numbers (0x0028, 0x1051);
  for (size_t i = 0; i < MIN (centers.size (), widths.size ()); i++)
    {
      g_array_append_val (raw->window_centers, centers[i]);
      g_array_append_val (raw->window_widths, widths[i]);
    }

  std::string voi = tags.raw (0x0028, 0x1056);
  if (voi == "LINEAR_EXACT")
    raw->voi_function = "LINEAR_EXACT";
  else if (voi == "SIGMOID")
    raw->voi_function = "SIGMOID";
  else
    raw->voi_function = "LINEAR";

  std::vector<double> spacing = tags.numbers (0x0028, 0x0030);
  if (spacing.size () < 2)
    spacing = tags.numbers (0x0018, 0x1164);
  if (spacing.size () >= 2 && spacing[0] > 0 && spacing[1] > 0)
    {
      raw->has_pixel_spacing = TRUE;
      raw->pixel_spacing[0] = spacing[0];
      raw->pixel_spacing[1] = spacing[1];
    }

  raw->inverted_display = tags.raw (0x0028, 0x0004) == "MONOCHROME1";

  if (raw->samples_per_pixel == 1)
    read_modality_lut (file.GetDataSet (), raw);
}

} /* namespace hilum_gdcm */
