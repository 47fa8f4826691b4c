using System.Collections;
using System.Reflection;

namespace ActorStream.Kafka.Protocol.Tests.Support;

/// <summary>Structural comparison of generated message objects, reporting the path of the first difference.</summary>
public static class MessageAssert
{
    public static void Equal(object? expected, object? actual) => Compare(expected, actual, "$");

    private static void Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {Describe(expected)}, got {Describe(actual)}");
            return;
        }

        switch (expected)
        {
            case byte[] e:
                Assert.True(actual is byte[] bytes && e.AsSpan().SequenceEqual(bytes), $"{path}: bytes differ");
                return;
            case ReadOnlyMemory<byte> e:
                Assert.True(actual is ReadOnlyMemory<byte> memory && e.Span.SequenceEqual(memory.Span), $"{path}: records differ");
                return;
            case string or Guid or bool or double or Enum:
                Assert.True(expected.Equals(actual), $"{path}: expected {Describe(expected)}, got {Describe(actual)}");
                return;
            case IList e:
                var list = Assert.IsAssignableFrom<IList>(actual);
                Assert.True(e.Count == list.Count, $"{path}: expected {e.Count} elements, got {list.Count}");
                for (int i = 0; i < e.Count; i++)
                {
                    Compare(e[i], list[i], $"{path}[{i}]");
                }

                return;
        }

        var type = expected.GetType();
        if (type.IsPrimitive)
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            return;
        }

        Assert.Equal(type, actual.GetType());
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.CanRead)
            {
                Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? string.Empty,
    };
}
