using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace ActorStream.Architecture.Tests;

/// <summary>
/// The public API of the client is approved, as Akka's API approval tests do: the test renders every
/// public type and member and compares the text with the checked-in <c>*.approved.txt</c>. A change
/// of the API fails the test and writes <c>*.received.txt</c> next to the approved file; review the
/// difference and copy it over when the change is intended.
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("ActorStream.Client")]
    public void PublicApi_MatchesTheApprovedSnapshot(string assemblyName)
    {
        var rendered = Render(Assembly.Load(assemblyName));
        var approvedPath = Path.Combine(SourceDirectory(), "PublicApi", assemblyName + ".approved.txt");
        var receivedPath = Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt";
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved == rendered)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, rendered);
        Assert.Fail($"The public API of {assemblyName} changed. Compare {receivedPath} with {approvedPath} and copy it over if the change is intended.");
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static string Render(Assembly assembly)
    {
        var output = new StringBuilder();
        var types = assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            output.Append(TypeHeader(type)).Append('\n');
            var members = new List<string>();
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(Flags))
            {
                var line = Member(member);
                if (line is not null)
                {
                    members.Add(line);
                }
            }

            members.Sort(StringComparer.Ordinal);
            foreach (var member in members)
            {
                output.Append("    ").Append(member).Append('\n');
            }
        }

        return output.ToString();
    }

    private static string TypeHeader(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : "class";
        var modifiers = type.IsAbstract && type.IsSealed ? "static " : type.IsInterface ? string.Empty : type.IsSealed && !type.IsValueType ? "sealed " : type.IsAbstract ? "abstract " : string.Empty;
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Select(Name).Where(i => !i.StartsWith("System.IEquatable", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        return $"public {modifiers}{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static string? Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c.GetParameters())})",
        MethodInfo m when m.IsSpecialName || IsCompilerGenerated(m) => null,
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m.GetParameters())})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(p.PropertyType)} {(p.GetIndexParameters().Length > 0 ? $"this[{Parameters(p.GetIndexParameters())}]" : p.Name)} {{ {Accessors(p)}}}",
        FieldInfo f when f.DeclaringType!.IsEnum && f.IsStatic => $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}",
        FieldInfo f when f.DeclaringType!.IsEnum => null,
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{(f.IsInitOnly ? "readonly " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type => null, // nested public types are listed on their own
        _ => null,
    };

    private static bool IsCompilerGenerated(MethodInfo method) =>
        method.Name is "<Clone>$" || method.GetCustomAttribute<CompilerGeneratedAttribute>() is not null && method.Name is "PrintMembers" or "Equals" or "GetHashCode" or "ToString" or "Deconstruct";

    private static string Accessors(PropertyInfo property)
    {
        var text = property.GetMethod is { IsPublic: true } ? "get; " : string.Empty;
        if (property.SetMethod is { IsPublic: true } setter)
        {
            var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            text += isInit ? "init; " : "set; ";
        }

        return text;
    }

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Parameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p => (p.IsOut ? "out " : p.ParameterType.IsByRef ? (p.IsIn ? "in " : "ref ") : string.Empty)
            + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType) + " " + p.Name + (p.HasDefaultValue ? " = " + Default(p.DefaultValue) : string.Empty)));

    private static string Default(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        var name = (type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name);
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var arguments = type.GetGenericArguments().Select(Name);
        return (tick >= 0 ? name[..tick] : name) + "<" + string.Join(", ", arguments) + ">";
    }
}
