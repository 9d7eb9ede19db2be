using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MotionEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MotionEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CameraId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PeakScore = table.Column<double>(type: "double precision", nullable: false),
                    ClipFile = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ThumbnailFile = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClipBytes = table.Column<long>(type: "bigint", nullable: false),
                    ClipFrames = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MotionEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MotionEvents_CameraId_Start",
                table: "MotionEvents",
                columns: new[] { "CameraId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_MotionEvents_Start",
                table: "MotionEvents",
                column: "Start");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MotionEvents");
        }
    }
}
