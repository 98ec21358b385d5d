/* hilum-gdcm.cxx — DICOM through GDCM, behind the C API of hilum-gdcm.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs only inside the hilum-decode helper: Debian's GDCM keeps assert() and may abort
 * on a malformed file, which then kills the helper, never the app.
 */
#define G_LOG_DOMAIN "hilum-gdcm"

#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gdcmAttribute.h>
#include <gdcmByteValue.h>
#include <gdcmDataSet.h>
#include <gdcmFile.h>
#include <gdcmImage.h>
#include <gdcmImageApplyLookupTable.h>
#include <gdcmImageReader.h>
#include <gdcmPhotometricInterpretation.h>
#include <gdcmPixelFormat.h>
#include <gdcmReader.h>
#include <gdcmSequenceOfFragments.h>
#include <gdcmTrace.h>
#include <gdcmTransferSyntax.h>

#include "hilum-decode-protocol.h"
#include "hilum-gdcm.h"
#include "hilum-gdcm-private.h"

using hilum_gdcm::fill_metadata;
using hilum_gdcm::transfer_syntax_uid;

namespace {

/* GDCM reports problems only as trace text, also when it returns success. */
class TraceCapture
{
public:
  TraceCapture ()
  {
    gdcm::Trace::SetStream (text);
    gdcm::Trace::WarningOn ();
    gdcm::Trace::ErrorOn ();
    gdcm::Trace::DebugOff ();
  }

  ~TraceCapture ()
  {
    gdcm::Trace::SetStream (std::cerr);
  }

  std::string str () const { return text.str (); }

  /* What GDCM says when the pixel data stop early or a fragment is missing. */
  bool
  says_incomplete () const
  {
    /* Not "truncat…" nor "Not enough data": GDCM says those about clipped bogus
     * values and short overlays, which leave the image whole. */
    static const char *const signs[] = {
      "Incomplete Pixel Data",
      "Fragment could not be read",
      "Premature end",
      "premature end",
    };
    std::string s = text.str ();

    for (const char *sign : signs)
      if (s.find (sign) != std::string::npos)
        return true;
    return false;
  }

  std::string
  last_line () const
  {
    std::string s = text.str ();
    std::vector<std::string> lines;
    std::istringstream in (s);
    std::string line;

    while (std::getline (in, line))
      if (line.find_first_not_of (" \t\r") != std::string::npos)
        lines.push_back (line);
    return lines.empty () ? std::string () : lines.back ();
  }

private:
  std::ostringstream text;
};

bool
has_tag (const gdcm::File &file,
         uint16_t          group,
         uint16_t          element)
{
  return file.GetDataSet ().FindDataElement (gdcm::Tag (group, element));
}

/* Where GDCM stopped: the 12 bytes before hold the header of the Pixel Data element
 * (implicit VR: tag + length; explicit VR: tag + VR + reserved + length). Returns the
 * value length, or -1 when the pixel data are not there. */
gint64
pixel_data_length_before (std::ifstream &in,
                          bool           big_endian)
{
  static const unsigned char le[4] = { 0xe0, 0x7f, 0x10, 0x00 };
  static const unsigned char be[4] = { 0x7f, 0xe0, 0x00, 0x10 };
  unsigned char b[12];
  std::streamoff pos;

  in.clear ();
  pos = in.tellg ();
  if (pos < 12)
    return -1;
  in.seekg (pos - 12);
  in.read ((char *) b, sizeof b);
  if (in.gcount () != sizeof b)
    return -1;
  for (int at : { 0, 4 })
    if (memcmp (b + at, le, 4) == 0 || memcmp (b + at, be, 4) == 0)
      return big_endian
             ? ((guint32) b[8] << 24 | b[9] << 16 | b[10] << 8 | b[11])
             : ((guint32) b[11] << 24 | b[10] << 16 | b[9] << 8 | b[8]);
  return -1;
}

/* Whether the pixel data end before the file does. Encapsulated data are walked item by
 * item: GDCM asserts on some files cut inside their fragments, so this is checked first. */
bool
pixel_data_complete (std::ifstream &in,
                     guint32        length,
                     std::streamoff file_size)
{
  std::streamoff pos = in.tellg ();

  if (length != 0xffffffff)
    return pos + (std::streamoff) length <= file_size;

  for (;;)
    {
      unsigned char item[8];
      guint32 tag, item_length;

      in.read ((char *) item, sizeof item);
      if (in.gcount () != sizeof item)
        return false;
      /* Items of encapsulated pixel data are always little endian. */
      tag = (guint32) item[1] << 24 | item[0] << 16 | item[3] << 8 | item[2];
      item_length = (guint32) item[7] << 24 | item[6] << 16 | item[5] << 8 | item[4];
      if (tag == 0xfffee0dd)
        return true;
      if (tag != 0xfffee000 || item_length == 0xffffffff)
        return false;
      pos = in.tellg () + (std::streamoff) item_length;
      if (pos > file_size)
        return false;
      in.seekg (pos);
    }
}

enum class PixelData { PRESENT, ABSENT, FLOAT, UNREADABLE, TRUNCATED };

/* Reads the data set up to the pixel data, without reading them (nor parsing their
 * fragments, where GDCM asserts on damaged files). */
PixelData
read_up_to_pixel_data (const char                    *path,
                       std::unique_ptr<gdcm::Reader> &reader)
{
  std::ifstream in (path, std::ios::binary);
  gdcm::Tag pixel_data (0x7fe0, 0x0010);
  std::set<gdcm::Tag> skip = { pixel_data };
  bool read;

  reader.reset (new gdcm::Reader);
  reader->SetStream (in);
  /* A tag both in skip and the stop tag is left right after its header. */
  read = reader->ReadUpToTag (pixel_data, skip);

  if (reader->GetFile ().GetHeader ().GetDataSetTransferSyntax ()
      == gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian)
    {
      /* Stopping inside a deflated stream fails, and its position would say nothing:
       * read these whole (they are small). */
      reader.reset (new gdcm::Reader);
      reader->SetFileName (path);
      if (!reader->Read ())
        return PixelData::UNREADABLE;
      if (has_tag (reader->GetFile (), 0x7fe0, 0x0008) || has_tag (reader->GetFile (), 0x7fe0, 0x0009))
        return PixelData::FLOAT;
      return has_tag (reader->GetFile (), 0x7fe0, 0x0010) ? PixelData::PRESENT : PixelData::ABSENT;
    }

  if (!read)
    return PixelData::UNREADABLE;

  const gdcm::File &file = reader->GetFile ();
  if (has_tag (file, 0x7fe0, 0x0008) || has_tag (file, 0x7fe0, 0x0009))
    return PixelData::FLOAT;

  bool big_endian = file.GetHeader ().GetDataSetTransferSyntax ()
                    == gdcm::TransferSyntax::ExplicitVRBigEndian;
  gint64 length = pixel_data_length_before (in, big_endian);
  if (length < 0)
    return PixelData::ABSENT;

  std::streamoff value_start = in.tellg ();
  in.seekg (0, std::ios::end);
  std::streamoff file_size = in.tellg ();
  in.seekg (value_start);
  return pixel_data_complete (in, (guint32) length, file_size)
         ? PixelData::PRESENT : PixelData::TRUNCATED;
}

int
pixel_data_failure (PixelData           found,
                    const TraceCapture &trace,
                    HilumRaw           *raw)
{
  switch (found)
    {
    case PixelData::UNREADABLE:
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_BAD_HEADER,
                             "GDCM cannot parse the DICOM header: %s",
                             trace.last_line ().c_str ());
    case PixelData::FLOAT:
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_FLOAT,
                             "floating-point pixel data");
    case PixelData::ABSENT:
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_NOT_AN_IMAGE, HILUM_DECODE_REASON_NO_PIXEL_DATA,
                             "the DICOM file has no Pixel Data");
    case PixelData::TRUNCATED:
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                             "the file ends inside the Pixel Data");
    case PixelData::PRESENT:
    default:
      return HILUM_DECODE_EXIT_OK;
    }
}

/* ImageReader refused the file: find out whether it is damaged, has no image or
 * holds one Hilum cannot show. */
int
diagnose (const char         *path,
          const TraceCapture &trace,
          HilumRaw           *raw)
{
  std::unique_ptr<gdcm::Reader> reader;
  PixelData found = read_up_to_pixel_data (path, reader);

  if (found != PixelData::PRESENT)
    return pixel_data_failure (found, trace, raw);

  const gdcm::File &file = reader->GetFile ();
  gdcm::TransferSyntax ts = file.GetHeader ().GetDataSetTransferSyntax ();
  if (ts == gdcm::TransferSyntax::TS_END)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_COMPRESSION,
                           "%s", transfer_syntax_uid (file).c_str ());
  if (trace.says_incomplete ())
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                           "%s", trace.last_line ().c_str ());
  return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_CORRUPT,
                         "GDCM cannot read the image: %s", trace.last_line ().c_str ());
}

/* Header only: everything but the pixels, which are not even read. */
int
decode_header (const char         *path,
               const TraceCapture &trace,
               HilumRaw           *raw)
{
  std::unique_ptr<gdcm::Reader> reader;
  PixelData found = read_up_to_pixel_data (path, reader);

  if (found != PixelData::PRESENT)
    return pixel_data_failure (found, trace, raw);

  fill_metadata (reader->GetFile (), raw);
  return HILUM_DECODE_EXIT_OK;
}

void
delete_reader (gpointer data)
{
  delete static_cast<gdcm::ImageReader *> (data);
}

bool
is_native_little_endian (const gdcm::TransferSyntax &ts)
{
  return ts == gdcm::TransferSyntax::ImplicitVRLittleEndian
         || ts == gdcm::TransferSyntax::ExplicitVRLittleEndian
         || ts == gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian;
}

guint8
clamp_byte (double v)
{
  return (guint8) (v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
}

/* PS3.3 C.7.6.3.1.2: YBR_FULL is ITU-R BT.601 with full-range Y, Cb and Cr. */
void
ybr_to_rgb (guint8 *p,
            gsize   n_pixels)
{
  for (gsize i = 0; i < n_pixels; i++, p += 3)
    {
      double y = p[0], cb = p[1] - 128.0, cr = p[2] - 128.0;

      p[0] = clamp_byte (y + 1.402 * cr);
      p[1] = clamp_byte (y - 0.344136 * cb - 0.714136 * cr);
      p[2] = clamp_byte (y + 1.772 * cb);
    }
}

/* 32-bit samples in Explicit VR Big Endian are ambiguous in the wild: DCMTK writes them
 * as 16-bit OW words (GDCM reads those right), other writers as 32-bit big-endian
 * numbers, which GDCM hands back with the two halves swapped. Radiograph values are
 * small: the order in which the high half merely extends the low half is the right one. */
guint32
extension_of (guint32 half,
              bool    is_signed)
{
  return is_signed && (half & 0x8000) ? 0xffff : 0;
}

void
fix_big_endian_32 (guint32 *p,
                   gsize    n,
                   bool     is_signed)
{
  gsize as_is = 0, swapped = 0;

  for (gsize i = 0; i < n; i++)
    {
      guint32 lo = p[i] & 0xffff, hi = p[i] >> 16;

      as_is += hi == extension_of (lo, is_signed);
      swapped += lo == extension_of (hi, is_signed);
    }
  if (swapped <= as_is)
    return;
  for (gsize i = 0; i < n; i++)
    p[i] = (p[i] << 16) | (p[i] >> 16);
}

HilumSampleType
sample_type (const gdcm::PixelFormat &pf)
{
  bool is_signed = pf.GetPixelRepresentation () == 1;

  switch (pf.GetBitsAllocated ())
    {
    case 8:
      return is_signed ? HILUM_SAMPLE_S8 : HILUM_SAMPLE_U8;
    case 32:
      return is_signed ? HILUM_SAMPLE_S32 : HILUM_SAMPLE_U32;
    default:
      return is_signed ? HILUM_SAMPLE_S16 : HILUM_SAMPLE_U16;
    }
}

/* GDCM returns YCbCr samples as they are, and its JPEG codec also returns the YCbCr of
 * a JPEG stream whose DICOM header claims RGB (it then warns "DICOM says: RGB but JPEG
 * says: 3", 3 being libjpeg's JCS_YCbCr; 2 is JCS_RGB). J2K's YBR_ICT/YBR_RCT come back
 * as RGB. */
bool
comes_back_as_ycbcr (const gdcm::Image  &image,
                     const TraceCapture &trace)
{
  gdcm::PhotometricInterpretation pi = image.GetPhotometricInterpretation ();
  std::string text = trace.str ();

  if (text.find ("but JPEG says: 3") != std::string::npos)
    return true;
  if (text.find ("but JPEG says: 2") != std::string::npos)
    return false;
  return pi == gdcm::PhotometricInterpretation::YBR_FULL
         || pi == gdcm::PhotometricInterpretation::YBR_FULL_422;
}

/* Colour: GDCM hands back RGB, or YCbCr left unconverted, possibly 16 bits or planar.
 * Produce interleaved 8-bit RGB. */
int
decode_color (const gdcm::Image &image,
              const char        *data,
              gsize              length,
              bool               ycbcr,
              HilumRaw          *raw)
{
  const gdcm::PixelFormat &pf = image.GetPixelFormat ();
  gsize n_pixels = (gsize) raw->width * raw->height * raw->frames;
  guint bytes = pf.GetBitsAllocated () / 8;

  if (pf.GetSamplesPerPixel () != 3 || (bytes != 1 && bytes != 2))
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_PIXEL_FORMAT,
                           "colour with %u samples of %u bits",
                           pf.GetSamplesPerPixel (), pf.GetBitsAllocated ());
  if (length < n_pixels * 3 * bytes)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                           "%" G_GSIZE_FORMAT " bytes of pixel data instead of %" G_GSIZE_FORMAT,
                           length, n_pixels * 3 * bytes);

  guint8 *rgb = (guint8 *) g_malloc (n_pixels * 3);
  guint shift = pf.GetBitsStored () > 8 ? pf.GetBitsStored () - 8 : 0;
  gsize frame_pixels = (gsize) raw->width * raw->height;
  bool planar = image.GetPlanarConfiguration () == 1;

  for (guint f = 0; f < raw->frames; f++)
    {
      guint8 *out = rgb + f * frame_pixels * 3;
      gsize first = f * frame_pixels * 3;

      for (gsize i = 0; i < frame_pixels; i++)
        for (guint c = 0; c < 3; c++)
          {
            gsize at = first + (planar ? c * frame_pixels + i : i * 3 + c);
            guint v = bytes == 1 ? (guint8) data[at] : ((const guint16 *) data)[at] >> shift;
            out[i * 3 + c] = (guint8) MIN (v, 255);
          }
    }

  if (ycbcr)
    ybr_to_rgb (rgb, n_pixels);

  raw->color = TRUE;
  raw->pixels = rgb;
  raw->n_bytes = n_pixels * 3;
  raw->pixels_free = g_free;
  raw->pixels_data = rgb;
  return HILUM_DECODE_EXIT_OK;
}

int
decode_palette (const gdcm::Image &image,
                HilumRaw          *raw)
{
  gdcm::ImageApplyLookupTable apply;

  apply.SetInput (image);
  if (!apply.Apply ())
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_CORRUPT,
                           "the palette cannot be applied");

  const gdcm::Image &output = static_cast<const gdcm::Image &> (apply.GetOutput ());
  std::vector<char> buffer (output.GetBufferLength ());
  if (!output.GetBuffer (buffer.data ()))
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_CORRUPT,
                           "the palette image cannot be decoded");
  return decode_color (output, buffer.data (), buffer.size (), false, raw);
}

} /* namespace */

/* The size a raw JPEG 2000 codestream (SOC, then SIZ) declares; FALSE when the bytes
 * are not one (a JP2 file box, or too short). */
static gboolean
codestream_size (const guint8 *data,
                 gsize         length,
                 guint        *width,
                 guint        *height)
{
  if (length < 26 || data[0] != 0xff || data[1] != 0x4f || data[2] != 0xff || data[3] != 0x51)
    return FALSE;
  auto be32 = [data] (gsize at) -> guint32 {
    return ((guint32) data[at] << 24) | ((guint32) data[at + 1] << 16) | ((guint32) data[at + 2] << 8) | data[at + 3];
  };
  guint32 x = be32 (8), y = be32 (12), x0 = be32 (16), y0 = be32 (20);

  if (x0 > x || y0 > y)
    return FALSE;
  *width = x - x0;
  *height = y - y0;
  return TRUE;
}

/* The bytes of the decoded pixels the header announces (0 when it does not say). */
static guint64
pixel_bytes (const gdcm::DataSet &ds)
{
  gdcm::Attribute<0x0028, 0x0010> rows;
  gdcm::Attribute<0x0028, 0x0011> columns;
  gdcm::Attribute<0x0028, 0x0100> bits;
  gdcm::Attribute<0x0028, 0x0002> samples;
  guint64 frames = 1;

  rows.SetFromDataSet (ds);
  columns.SetFromDataSet (ds);
  bits.SetFromDataSet (ds);
  samples.SetFromDataSet (ds);
  if (ds.FindDataElement (gdcm::Tag (0x0028, 0x0008)))
    {
      gdcm::Attribute<0x0028, 0x0008> n;

      n.SetFromDataSet (ds);
      frames = MAX (n.GetValue (), 1);
    }
  return (guint64) rows.GetValue () * columns.GetValue () * frames
         * MAX ((guint64) samples.GetValue (), 1) * MAX ((guint64) (bits.GetValue () + 7) / 8, 1);
}

/* The pixels may take a third of the address space the process was given (the
 * decoder's own copy, GDCM's and the codec's), less what the libraries already map. */
static guint64
memory_for_pixels (void)
{
  guint64 limit = hilum_decode_memory_limit ();

  if (limit == 0)
    return G_MAXUINT64;
  return limit > (guint64) (128 << 20) ? (limit - (128 << 20)) / 3 : 0;
}

static int
decode_file (const char *path,
             gboolean    header_only,
             HilumRaw   *raw)
{
  TraceCapture trace;

  raw->format = "dicom";

  if (header_only)
    return decode_header (path, trace, raw);

  {
    std::unique_ptr<gdcm::Reader> header;
    PixelData found = read_up_to_pixel_data (path, header);
    guint64 needed;

    if (found != PixelData::PRESENT)
      return pixel_data_failure (found, trace, raw);
    /* What the header says the pixels take, against what this process may use: a file
     * that claims more is refused before GDCM tries (and fails somewhere inside). */
    needed = pixel_bytes (header->GetFile ().GetDataSet ());
    if (needed > memory_for_pixels ())
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_TOO_LARGE,
                             "its pixels need %" G_GUINT64_FORMAT " MB, more than the decoder may use",
                             needed >> 20);
  }

  std::unique_ptr<gdcm::ImageReader> reader (new gdcm::ImageReader);

  reader->SetFileName (path);
  if (!reader->Read ())
    return diagnose (path, trace, raw);

  const gdcm::File &file = reader->GetFile ();
  const gdcm::Image &image = reader->GetImage ();
  const gdcm::PixelFormat &pf = image.GetPixelFormat ();
  gdcm::PhotometricInterpretation pi = image.GetPhotometricInterpretation ();
  gdcm::TransferSyntax ts = image.GetTransferSyntax ();

  fill_metadata (file, raw);
  raw->width = image.GetColumns ();
  raw->height = image.GetRows ();
  raw->frames = image.GetNumberOfDimensions () > 2 && image.GetDimension (2) > 0
                ? image.GetDimension (2) : 1;

  if (pf.GetScalarType () == gdcm::PixelFormat::FLOAT16
      || pf.GetScalarType () == gdcm::PixelFormat::FLOAT32
      || pf.GetScalarType () == gdcm::PixelFormat::FLOAT64)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_FLOAT,
                           "floating-point pixel data");
  if (raw->width == 0 || raw->height == 0)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_BAD_HEADER,
                           "the image has no rows or columns");

  gsize n_samples = (gsize) raw->width * raw->height * raw->frames * pf.GetSamplesPerPixel ();
  const gdcm::ByteValue *bv = image.GetDataElement ().GetByteValue ();

  /* GDCM decodes a JPEG 2000 frame into a buffer of Rows × Columns: a codestream larger
   * than the header says overruns it (the fuzzer's heap corruption). Compared first. */
  if (ts == gdcm::TransferSyntax::JPEG2000Lossless || ts == gdcm::TransferSyntax::JPEG2000)
    {
      const gdcm::SequenceOfFragments *fragments = image.GetDataElement ().GetSequenceOfFragments ();
      const gdcm::ByteValue *first = fragments != NULL && fragments->GetNumberOfFragments () > 0
                                     ? fragments->GetFragment (0).GetByteValue () : NULL;
      guint width = 0, height = 0;

      if (first != NULL
          && codestream_size ((const guint8 *) first->GetPointer (), first->GetLength (), &width, &height)
          && (width != raw->width || height != raw->height))
        return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_CORRUPT,
                               "the JPEG 2000 image is %u × %u, the header says %u × %u",
                               width, height, raw->width, raw->height);
    }

  if (pi == gdcm::PhotometricInterpretation::PALETTE_COLOR)
    {
      int status = decode_palette (image, raw);
      if (status == HILUM_DECODE_EXIT_OK && trace.says_incomplete ())
        return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                               "%s", trace.last_line ().c_str ());
      return status;
    }

  if (pi != gdcm::PhotometricInterpretation::MONOCHROME1
      && pi != gdcm::PhotometricInterpretation::MONOCHROME2
      && pi != gdcm::PhotometricInterpretation::RGB
      && pi != gdcm::PhotometricInterpretation::YBR_FULL
      && pi != gdcm::PhotometricInterpretation::YBR_FULL_422
      && pi != gdcm::PhotometricInterpretation::YBR_RCT
      && pi != gdcm::PhotometricInterpretation::YBR_ICT)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_PHOTOMETRIC,
                           "%s", gdcm::PhotometricInterpretation::GetPIString (pi));

  if (pf.GetSamplesPerPixel () == 1
      && pf.GetBitsAllocated () != 8 && pf.GetBitsAllocated () != 16
      && pf.GetBitsAllocated () != 32)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_PIXEL_FORMAT,
                           "%u bits allocated", pf.GetBitsAllocated ());

  /* Native little-endian gray needs no decoding: masking the unused bits in Hilum's own
   * conversion pass is ~100× faster than GetBuffer's clean-up (431 ms for 3000×3000). */
  if (pf.GetSamplesPerPixel () == 1 && bv != NULL && is_native_little_endian (ts)
      && pf.GetHighBit () + 1 == pf.GetBitsStored ())
    {
      gsize needed = n_samples * (pf.GetBitsAllocated () / 8);

      if (bv->GetLength () < needed || trace.says_incomplete ())
        return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                               "%u bytes of pixel data instead of %" G_GSIZE_FORMAT,
                               (guint) bv->GetLength (), needed);
      raw->sample = sample_type (pf);
      raw->clean_bits = pf.GetBitsStored ();
      raw->pixels = bv->GetPointer ();
      raw->n_bytes = needed;
      /* The pixels stay in GDCM's data set: hand the reader over with them. */
      raw->pixels_free = delete_reader;
      raw->pixels_data = reader.release ();
      return HILUM_DECODE_EXIT_OK;
    }

  gsize length = image.GetBufferLength ();
  char *buffer = (char *) g_try_malloc (MAX (length, 1));
  if (buffer == NULL)
    return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_TOO_LARGE,
                           "%" G_GSIZE_FORMAT " bytes of pixels", length);

  bool ok = image.GetBuffer (buffer);
  if (!ok || trace.says_incomplete ())
    {
      g_free (buffer);
      if (trace.says_incomplete ())
        return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                               "%s", trace.last_line ().c_str ());
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_CORRUPT,
                             "GDCM cannot decode the pixel data (%s): %s",
                             transfer_syntax_uid (file).c_str (), trace.last_line ().c_str ());
    }

  if (pf.GetSamplesPerPixel () != 1)
    {
      int status = decode_color (image, buffer, length, comes_back_as_ycbcr (image, trace), raw);
      g_free (buffer);
      return status;
    }

  gsize needed = n_samples * (pf.GetBitsAllocated () / 8);
  if (length < needed)
    {
      g_free (buffer);
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_TRUNCATED,
                             "%" G_GSIZE_FORMAT " bytes of pixels instead of %" G_GSIZE_FORMAT,
                             length, needed);
    }

  if (ts == gdcm::TransferSyntax::ExplicitVRBigEndian && pf.GetBitsAllocated () == 32)
    fix_big_endian_32 ((guint32 *) buffer, n_samples, pf.GetPixelRepresentation () == 1);

  raw->pixels_free = g_free;
  raw->pixels_data = buffer;
  raw->sample = sample_type (pf);
  raw->clean_bits = pf.GetBitsStored ();
  raw->pixels = buffer;
  raw->n_bytes = needed;
  return HILUM_DECODE_EXIT_OK;
}

/* Under the helper's memory limit a file that claims gigabytes (a group length of 4 GB in
 * 10 KB) makes GDCM's allocation fail: that is one clear line, not an abort. */
extern "C" int
hilum_gdcm_decode (const char *path,
                   gboolean    header_only,
                   HilumRaw   *raw)
{
  try
    {
      return decode_file (path, header_only, raw);
    }
  catch (const std::bad_alloc &)
    {
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_UNSUPPORTED, HILUM_DECODE_REASON_TOO_LARGE,
                             "more memory than the decoder may use");
    }
  catch (const std::exception &e)
    {
      return hilum_raw_fail (raw, HILUM_DECODE_EXIT_DAMAGED, HILUM_DECODE_REASON_CORRUPT,
                             "GDCM failed: %s", e.what ());
    }
}
