using System.Runtime.InteropServices;
using System.Text;

namespace ServiceBot.Text.Normalization;

/// <summary>
/// Converts text with OpenCC through its C library (traditional to simplified with <c>t2s.json</c> by
/// default), phrase-aware, so that e.g. 乾隆 stays 乾隆 while 乾燥 becomes 干燥.
/// </summary>
/// <remarks>Thread-safe (calls are serialized; the library's converter is not documented as reentrant).</remarks>
internal sealed class OpenCcConverter : IDisposable
{
    private readonly Lock _gate = new();
    private nint _handle;

    private OpenCcConverter(nint handle, string config)
    {
        _handle = handle;
        Config = config;
    }

    public string Config { get; }

    /// <summary>Opens a conversion; <paramref name="config"/> is a file name under OpenCC's data folder or a full path.</summary>
    /// <exception cref="TextDataNotFoundException">The library or its configuration is not installed.</exception>
    public static OpenCcConverter Open(string config)
    {
        var path = Path.IsPathRooted(config) ? config : Path.Combine("/usr/share/opencc", config);
        var candidate = File.Exists(path) ? path : config;
        nint handle;
        try
        {
            handle = OpenCcNative.Open(candidate);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new TextDataNotFoundException(
                $"OpenCC ({OpenCcNative.Library}) could not be loaded: {e.Message}. Install it with `apt-get install libopencc1.1 libopencc-data` " +
                "(or run `scripts/setup.sh runtime`), or set ServiceBot:Text:TraditionalToSimplified=false.",
                [OpenCcNative.Library],
                e);
        }

        if (handle == -1 || handle == 0)
        {
            var error = Marshal.PtrToStringUTF8(OpenCcNative.Error()) ?? "unknown error";
            throw new TextDataNotFoundException(
                $"OpenCC could not open its configuration '{candidate}': {error}. Install `libopencc-data` (or run `scripts/setup.sh runtime`), " +
                "or set ServiceBot:Text:OpenCcConfig to an existing configuration file.",
                [candidate]);
        }

        return new OpenCcConverter(handle, candidate);
    }

    /// <summary>Converts <paramref name="text"/>; returns it unchanged when OpenCC reports an error.</summary>
    public string Convert(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            var result = OpenCcNative.ConvertUtf8(_handle, bytes, (nuint)bytes.Length);
            if (result == 0 || result == -1)
            {
                return text;
            }

            try
            {
                return Marshal.PtrToStringUTF8(result) ?? text;
            }
            finally
            {
                OpenCcNative.ConvertUtf8Free(result);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_handle != 0)
            {
                _ = OpenCcNative.Close(_handle);
                _handle = 0;
            }
        }
    }
}
