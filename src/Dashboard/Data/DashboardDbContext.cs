using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Streaming.Imaging;
using Streaming.Motion;

namespace Dashboard.Data;

/// <summary>
/// Users, roles, cameras and share links. The provider-specific subclasses below exist only so each
/// provider keeps its own migrations (EF Core's "one context type per provider" pattern).
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : IdentityDbContext<DashboardUser>(options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public DbSet<CameraRecord> Cameras => Set<CameraRecord>();

    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();

    public DbSet<AppSetting> AppSettings => Set<AppSetting>();

    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<MotionEventRecord> MotionEvents => Set<MotionEventRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<CameraRecord>(camera =>
        {
            camera.HasKey(c => c.Id);
            camera.Property(c => c.Id).HasMaxLength(64);
            camera.Property(c => c.Name).HasMaxLength(Streaming.Cameras.CameraDefinitionValidator.MaxNameLength);
            camera.Property(c => c.UpdatedBy).HasMaxLength(256);
            camera.Property(c => c.Version).IsConcurrencyToken();
            camera.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
            camera.Property(c => c.Folder).HasMaxLength(1024);
            camera.Property(c => c.File).HasMaxLength(1024);
            camera.Property(c => c.Url).HasMaxLength(2048);
            camera.Property(c => c.UserName).HasMaxLength(256);
            camera.Property(c => c.Password).HasMaxLength(1024);
            camera.Property(c => c.Command).HasMaxLength(1024);
            camera.Property(c => c.Arguments).HasConversion(
                list => JsonSerializer.Serialize(list, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Default) ?? new List<string>(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)), list => list.ToList()));
            camera.Property(c => c.Image).HasConversion(
                image => JsonSerializer.Serialize(image, Json),
                json => JsonSerializer.Deserialize<ImageAdjustments>(json, Json) ?? ImageAdjustments.None);
            camera.Property(c => c.DeviceProperties).HasConversion(
                properties => JsonSerializer.Serialize(properties, Json),
                json => JsonSerializer.Deserialize<Dictionary<string, double>>(json, Json) ?? new Dictionary<string, double>(),
                new ValueComparer<Dictionary<string, double>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    properties => properties.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.Key, item.Value)),
                    properties => new Dictionary<string, double>(properties)));
            camera.Property(c => c.Motion).HasConversion(
                motion => JsonSerializer.Serialize(motion, Json),
                json => JsonSerializer.Deserialize<MotionSettings>(json, Json) ?? MotionSettings.Off);
            camera.HasIndex(c => c.SortOrder);
        });

        builder.Entity<MotionEventRecord>(motion =>
        {
            motion.HasKey(e => e.Id);
            motion.Property(e => e.CameraId).HasMaxLength(64);
            motion.Property(e => e.ClipFile).HasMaxLength(64);
            motion.Property(e => e.ThumbnailFile).HasMaxLength(64);
            motion.HasIndex(e => new { e.CameraId, e.Start });
            motion.HasIndex(e => e.Start);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.HasKey(e => e.Id);
            entry.Property(e => e.CameraId).HasMaxLength(64);
            entry.Property(e => e.UserName).HasMaxLength(256);
            entry.Property(e => e.Action).HasMaxLength(64);
            entry.Property(e => e.Details).HasMaxLength(4000);
            entry.HasIndex(e => new { e.CameraId, e.At });
        });

        builder.Entity<ShareLink>(link =>
        {
            link.HasKey(l => l.Id);
            link.Property(l => l.CameraId).HasMaxLength(64);
            link.Property(l => l.Name).HasMaxLength(100);
            link.Property(l => l.TokenHash).HasMaxLength(64);
            link.Property(l => l.CreatedBy).HasMaxLength(256);
            link.HasIndex(l => l.TokenHash).IsUnique();
            link.HasIndex(l => l.CameraId);
        });

        builder.Entity<UserPreference>(preference =>
        {
            preference.HasKey(p => new { p.UserName, p.Key });
            preference.Property(p => p.UserName).HasMaxLength(256);
            preference.Property(p => p.Key).HasMaxLength(64);
        });

        builder.Entity<AppSetting>(setting =>
        {
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasMaxLength(64);
        });
    }
}

public sealed class SqliteDashboardDbContext(DbContextOptions<SqliteDashboardDbContext> options) : DashboardDbContext(options)
{
    /// <summary>SQLite has no date type EF can compare or sort on the server: store instants as sortable numbers.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresDashboardDbContext(DbContextOptions<PostgresDashboardDbContext> options) : DashboardDbContext(options);
