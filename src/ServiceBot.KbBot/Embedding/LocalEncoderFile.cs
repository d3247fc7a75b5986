using System.Security.Cryptography;
using System.Text;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// The trained local embedder on disk: a header, a SHA-256 of the payload, and the payload (vocabulary
/// buckets, IDF, projection). Files are named by <see cref="Key"/>, a hash of the KB's questions and the
/// embedder settings, so an unchanged KB loads its model and any change trains a new one.
/// </summary>
/// <remarks>Writes go to a temporary file that replaces the target, so a crash never leaves half a model under the real name.</remarks>
internal static class LocalEncoderFile
{
    private const int Magic = 0x454B4253; // "SBKE"
    private const int Version = 1;

    /// <summary>Files kept per bot; older models (earlier KB revisions) are deleted after a save.</summary>
    private const int Keep = 6;

    /// <summary>Hash of everything the trained model depends on: the questions, their entries, the settings and the analyzer.</summary>
    public static string Key(IReadOnlyList<KbRow> rows, EmbedderSettings settings, ITextAnalyzer analyzer)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = string.Join(
            '|',
            Version,
            analyzer.GetType().FullName,
            settings.Dimensions,
            settings.HashBits,
            settings.CjkMinGram,
            settings.CjkMaxGram,
            settings.LatinMinGram,
            settings.LatinMaxGram,
            settings.Epochs,
            settings.BatchSize,
            settings.NeighbourGroup,
            settings.LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            settings.Temperature.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            settings.MinTrainingEntries,
            settings.MaxSteps,
            settings.Seed);
        hash.AppendData(Encoding.UTF8.GetBytes(header));
        Span<byte> number = stackalloc byte[4];
        foreach (var row in rows)
        {
            BitConverter.TryWriteBytes(number, row.Entry);
            hash.AppendData(number);
            hash.AppendData(Encoding.UTF8.GetBytes(row.Text));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    public static void Save(string path, LocalKbEncoder encoder)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(encoder.Dimensions);
            writer.Write(encoder.Trained);
            writer.Write(encoder.Buckets.Length);
            foreach (var b in encoder.Buckets)
            {
                writer.Write(b);
            }

            foreach (var x in encoder.Idf)
            {
                writer.Write(x);
            }

            foreach (var x in encoder.Weights)
            {
                writer.Write(x);
            }
        }

        var bytes = payload.ToArray();
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new BinaryWriter(file))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(bytes.Length);
            writer.Write(SHA256.HashData(bytes));
            writer.Write(bytes);
        }

        File.Move(temporary, path, overwrite: true);
        Prune(Path.GetDirectoryName(path)!);
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is truncated, altered or of another format.</exception>
    public static LocalKbEncoder Load(string path, ITextAnalyzer analyzer, LocalFeaturizer featurizer, int dimensions)
    {
        using var file = File.OpenRead(path);
        using var reader = new BinaryReader(file);
        try
        {
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
            {
                throw new InvalidDataException("not a local embedder model of this version");
            }

            var length = reader.ReadInt32();
            var expected = reader.ReadBytes(32);
            if (length < 0 || length > file.Length)
            {
                throw new InvalidDataException("the payload length is out of range");
            }

            var bytes = reader.ReadBytes(length);
            if (bytes.Length != length || !SHA256.HashData(bytes).AsSpan().SequenceEqual(expected))
            {
                throw new InvalidDataException("the checksum does not match (truncated or altered file)");
            }

            using var payload = new BinaryReader(new MemoryStream(bytes));
            var d = payload.ReadInt32();
            if (d != dimensions)
            {
                throw new InvalidDataException($"the model has {d} dimensions, the settings ask for {dimensions}");
            }

            var trained = payload.ReadBoolean();
            var features = payload.ReadInt32();
            if (features < 0 || (long)features * (d + 2) * 4 > length)
            {
                throw new InvalidDataException("the feature count is out of range");
            }

            var buckets = new int[features];
            for (var i = 0; i < features; i++)
            {
                buckets[i] = payload.ReadInt32();
            }

            var idf = new float[features];
            for (var i = 0; i < features; i++)
            {
                idf[i] = payload.ReadSingle();
            }

            var weights = new float[features * d];
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] = payload.ReadSingle();
            }

            return new LocalKbEncoder(analyzer, featurizer, buckets, idf, weights, d, trained);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the file ends early", e);
        }
    }

    private static void Prune(string directory)
    {
        var models = new DirectoryInfo(directory).GetFiles("*.model").OrderByDescending(f => f.LastWriteTimeUtc).Skip(Keep);
        foreach (var model in models)
        {
            model.Delete();
            File.Delete(Path.ChangeExtension(model.FullName, ".hnsw"));
        }
    }
}
