using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CameraVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Names are limited to 100 characters from now on; a longer stored name would fail validation.
            migrationBuilder.Sql("UPDATE \"Cameras\" SET \"Name\" = substr(\"Name\", 1, 100) WHERE length(\"Name\") > 100;");

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "Cameras",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UpdatedBy",
                table: "Cameras");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Cameras");
        }
    }
}
