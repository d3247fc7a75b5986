using System.Runtime.InteropServices;

namespace ServiceBot.Text.Normalization;

/// <summary>The C API of OpenCC (Debian <c>libopencc1.1</c>).</summary>
internal static partial class OpenCcNative
{
    public const string Library = "libopencc.so.1.1";

    [LibraryImport(Library, EntryPoint = "opencc_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Open(string configFileName);

    [LibraryImport(Library, EntryPoint = "opencc_convert_utf8")]
    public static partial nint ConvertUtf8(nint opencc, ReadOnlySpan<byte> input, nuint length);

    [LibraryImport(Library, EntryPoint = "opencc_convert_utf8_free")]
    public static partial void ConvertUtf8Free(nint converted);

    [LibraryImport(Library, EntryPoint = "opencc_close")]
    public static partial int Close(nint opencc);

    [LibraryImport(Library, EntryPoint = "opencc_error")]
    public static partial nint Error();
}
