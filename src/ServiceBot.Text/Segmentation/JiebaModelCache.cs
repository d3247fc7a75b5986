using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// A compact binary image of a <see cref="JiebaModel"/> (trie arrays and HMM tables, read straight into
/// arrays), stored under the cache folder and keyed by the source files' paths, sizes and times.
/// A stale, foreign or damaged file is ignored and rewritten; writes go through a temporary file and
/// an atomic rename, so concurrent processes never see a half-written cache.
/// </summary>
internal sealed class JiebaModelCache
{
    private const int FormatVersion = 1;
    private static readonly byte[] Magic = "SBJIEBA\0"u8.ToArray();

    private readonly string _path;
    private readonly string _key;
    private readonly JiebaDataFiles _files;

    public JiebaModelCache(string directory, JiebaDataFiles files)
    {
        _files = files;
        var key = new StringBuilder().Append('v').Append(FormatVersion);
        foreach (var file in files.SegmentationFiles)
        {
            var info = new FileInfo(file);
            key.Append('|').Append(info.FullName).Append('|').Append(info.Exists ? info.Length : -1).Append('|').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0);
        }

        _key = key.ToString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_key)))[..16];
        _path = Path.Combine(directory, $"jieba-{hash}.bin");
    }

    public string FilePath => _path;

    public JiebaModel? TryRead(ILogger? logger)
    {
        if (!BitConverter.IsLittleEndian || !File.Exists(_path))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != FormatVersion || reader.ReadString() != _key)
            {
                return null;
            }

            var total = reader.ReadInt64();
            var wordCount = reader.ReadInt32();
            var maxWordLength = reader.ReadInt32();
            var maxCode = reader.ReadInt32();
            var unitCount = reader.ReadInt32();
            var codes = new ushort[char.MaxValue + 1];
            stream.ReadExactly(MemoryMarshal.AsBytes(codes.AsSpan()));
            var units = GC.AllocateUninitializedArray<TrieUnit>(unitCount);
            stream.ReadExactly(MemoryMarshal.AsBytes(units.AsSpan()));
            var nonHanCount = reader.ReadInt32();
            var nonHan = new List<KeyValuePair<string, long>>(nonHanCount);
            for (var i = 0; i < nonHanCount; i++)
            {
                nonHan.Add(new(reader.ReadString(), reader.ReadInt64()));
            }

            var inexactCount = reader.ReadInt32();
            var inexact = new Dictionary<int, long>(inexactCount);
            for (var i = 0; i < inexactCount; i++)
            {
                inexact[reader.ReadInt32()] = reader.ReadInt64();
            }

            var start = new double[4];
            var trans = new double[16];
            var emit = GC.AllocateUninitializedArray<double>(HmmModel.EmissionLength);
            stream.ReadExactly(MemoryMarshal.AsBytes(start.AsSpan()));
            stream.ReadExactly(MemoryMarshal.AsBytes(trans.AsSpan()));
            stream.ReadExactly(MemoryMarshal.AsBytes(emit.AsSpan()));
            if (stream.Position != stream.Length)
            {
                return null;
            }

            var dictionary = new PrefixDictionary(units, codes, maxCode, total, wordCount, maxWordLength, nonHan, inexact);
            return new JiebaModel(dictionary, new HmmModel(start, trans, emit), _files);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or OutOfMemoryException or ArgumentException)
        {
            logger?.LogWarning(e, "Ignoring the unreadable dictionary cache {Path}; it is rebuilt from the dictionary", _path);
            return null;
        }
    }

    public void TryWrite(JiebaModel model, ILogger? logger)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return;
        }

        var temp = $"{_path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                var dictionary = model.Dictionary;
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(_key);
                writer.Write(dictionary.Total);
                writer.Write(dictionary.WordCount);
                writer.Write(dictionary.MaxWordLength);
                writer.Write(dictionary.MaxCode);
                writer.Write(dictionary.UnitCount);
                writer.Flush();
                stream.Write(MemoryMarshal.AsBytes(dictionary.Codes.AsSpan()));
                stream.Write(MemoryMarshal.AsBytes(dictionary.Units.AsSpan()));
                writer.Write(dictionary.NonHanWords.Count);
                foreach (var (word, freq) in dictionary.NonHanWords)
                {
                    writer.Write(word);
                    writer.Write(freq);
                }

                writer.Write(dictionary.InexactFrequencies.Count);
                foreach (var (node, freq) in dictionary.InexactFrequencies)
                {
                    writer.Write(node);
                    writer.Write(freq);
                }

                writer.Flush();
                stream.Write(MemoryMarshal.AsBytes(model.Hmm.Start.AsSpan()));
                stream.Write(MemoryMarshal.AsBytes(model.Hmm.Transitions.AsSpan()));
                stream.Write(MemoryMarshal.AsBytes(model.Hmm.Emissions.AsSpan()));
            }

            File.Move(temp, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without a writable cache folder every start parses the dictionary: slower, still correct.
            logger?.LogWarning(e, "Could not write the dictionary cache {Path}", _path);
            TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file is left behind; it never shadows a valid cache.
        }
    }
}
