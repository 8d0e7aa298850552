// Command ferretdb-server runs an embedded FerretDB v1 for Plinth's MongoDB adapter tests.
//
// It exists because `go install .../cmd/ferretdb` panics without the version file its release builds
// generate; the embeddable package has no such requirement. It listens on loopback only and stores its data
// with the SQLite handler in the given directory (or PostgreSQL when -postgresql-url is given).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	port := flag.Int("port", 0, "TCP port on 127.0.0.1 (required)")
	dataDir := flag.String("sqlite-dir", "", "directory for the SQLite handler's files")
	postgresURL := flag.String("postgresql-url", "", "use the PostgreSQL handler against this database instead")
	flag.Parse()

	if *port <= 0 || (*dataDir == "" && *postgresURL == "") {
		fmt.Fprintln(os.Stderr, "usage: ferretdb-server -port N (-sqlite-dir DIR | -postgresql-url URL)")
		os.Exit(2)
	}

	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: fmt.Sprintf("127.0.0.1:%d", *port)},
		Logger:   slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	if *postgresURL != "" {
		config.Handler = "postgresql"
		config.PostgreSQLURL = *postgresURL
	} else {
		config.Handler = "sqlite"
		config.SQLiteURL = "file:" + *dataDir + "/"
	}

	server, err := ferretdb.New(config)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	fmt.Println("listening", server.MongoDBURI())
	if err := server.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
