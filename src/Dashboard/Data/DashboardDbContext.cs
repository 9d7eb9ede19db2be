using Dashboard.Access;
using Dashboard.Access.Tokens;
using Dashboard.Nodes;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Streaming.Cameras;

namespace Dashboard.Data;

/// <summary>
/// Users, roles, cameras, share links, machine tokens and the sign-in keys (Data Protection's, here so every node on
/// one database reads the same cookies). The provider-specific subclasses below exist only so each provider keeps its
/// own migrations (EF Core's "one context type per provider" pattern).
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : IdentityDbContext<DashboardUser>(options), IDataProtectionKeyContext
{
    public DbSet<CameraRecord> Cameras => Set<CameraRecord>();

    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();

    public DbSet<AppSetting> AppSettings => Set<AppSetting>();

    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<MachineToken> MachineTokens => Set<MachineToken>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ClusterNode> ClusterNodes => Set<ClusterNode>();

    public DbSet<RemoteDashboard> RemoteDashboards => Set<RemoteDashboard>();
    public DbSet<MotionEventRecord> MotionEvents => Set<MotionEventRecord>();

    public DbSet<WebhookRecord> Webhooks => Set<WebhookRecord>();

    public DbSet<NotificationSettingsRecord> NotificationSettings => Set<NotificationSettingsRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<CameraRecord>(camera =>
        {
            camera.HasKey(c => c.Id);
            camera.Property(c => c.Id).HasMaxLength(64);
            camera.Property(c => c.UpdatedBy).HasMaxLength(256);
            camera.Property(c => c.Version).IsConcurrencyToken();
            camera.Property(c => c.Definition).HasConversion(
                definition => CameraJson.Write(definition),
                json => CameraJson.Read(json),
                new ValueComparer<CameraDefinition>((a, b) => Equals(a, b), definition => definition.GetHashCode(), definition => definition));
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

        builder.Entity<WebhookRecord>(webhook =>
        {
            webhook.HasKey(w => w.Id);
            webhook.Property(w => w.Name).HasMaxLength(100);
            webhook.Property(w => w.Url).HasMaxLength(2048);
            webhook.Property(w => w.ProtectedSecret).HasMaxLength(4096);
            webhook.HasIndex(w => w.Name).IsUnique();
        });

        builder.Entity<NotificationSettingsRecord>(settings =>
        {
            settings.HasKey(s => s.Id);
            settings.Property(s => s.Id).ValueGeneratedNever();
            settings.Property(s => s.PublicUrl).HasMaxLength(2048);
            settings.Property(s => s.MqttHost).HasMaxLength(255);
            settings.Property(s => s.MqttUserName).HasMaxLength(256);
            settings.Property(s => s.MqttProtectedPassword).HasMaxLength(4096);
            settings.Property(s => s.MqttTopicPrefix).HasMaxLength(200);
            settings.Property(s => s.MqttDiscoveryPrefix).HasMaxLength(200);
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
            IssuedSecretColumns(link);
            link.Property(l => l.CameraId).HasMaxLength(64);
            link.HasIndex(l => l.CameraId);
        });

        builder.Entity<MachineToken>(token =>
        {
            IssuedSecretColumns(token);
            token.Property(t => t.UserId).HasMaxLength(450);
            token.HasIndex(t => t.UserId);
            token.HasOne<DashboardUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ClusterNode>(node =>
        {
            node.HasKey(n => n.Name);
            node.Property(n => n.Name).HasMaxLength(64);
            node.Property(n => n.Address).HasMaxLength(2048);
        });

        builder.Entity<RemoteDashboard>(remote =>
        {
            remote.HasKey(r => r.Id);
            remote.Property(r => r.Id).HasMaxLength(RemoteDashboard.MaxIdLength);
            remote.Property(r => r.Name).HasMaxLength(100);
            remote.Property(r => r.Url).HasMaxLength(2048);
            remote.Property(r => r.ProtectedToken).HasMaxLength(4096);
            remote.Property(r => r.AddedBy).HasMaxLength(256);
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

    /// <summary>The columns every <see cref="IssuedSecret"/> has, and the unique index a presented secret is looked up by.</summary>
    private static void IssuedSecretColumns<T>(EntityTypeBuilder<T> secret)
        where T : IssuedSecret
    {
        secret.HasKey(s => s.Id);
        secret.Property(s => s.Name).HasMaxLength(IssuedSecret.MaxNameLength);
        secret.Property(s => s.TokenHash).HasMaxLength(64);
        secret.Property(s => s.CreatedBy).HasMaxLength(256);
        secret.HasIndex(s => s.TokenHash).IsUnique();
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
