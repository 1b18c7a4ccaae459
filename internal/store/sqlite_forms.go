package store

import (
	"context"
	"database/sql"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// SaveFormVersion records a version of a form the first time it is seen;
// the same version with other content is ECONFLICT.
func (s *SQLite) SaveFormVersion(ctx context.Context, v FormVersion) error {
	v.Key = v.FormID + "@" + v.Version
	return s.tx(ctx, func(tx *sql.Tx) error {
		raw, err := getDoc(ctx, tx, "form_versions", v.Key)
		if err != nil {
			return err
		}
		if raw == nil {
			return putValue(ctx, tx, "form_versions", v, true)
		}
		var stored FormVersion
		if err := bson.Unmarshal(raw, &stored); err != nil {
			return err
		}
		return versionConflict(v, stored)
	})
}

// FormVersions returns every stored version of every form.
func (s *SQLite) FormVersions(ctx context.Context) ([]FormVersion, error) {
	return selectAll[FormVersion](ctx, s.reader(), "SELECT doc FROM form_versions")
}

// Services returns the services register.
func (s *SQLite) Services(ctx context.Context) ([]chorus.Service, error) {
	return selectAll[chorus.Service](ctx, s.reader(), "SELECT doc FROM services")
}

// SeedServices fills an empty register with the given services.
func (s *SQLite) SeedServices(ctx context.Context, services []chorus.Service) (bool, error) {
	seeded := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1 FROM services LIMIT 1)").Scan(&n); err != nil || n > 0 {
			return err
		}
		for _, svc := range services {
			if err := putValue(ctx, tx, "services", svc, true); err != nil {
				return err
			}
		}
		seeded = true
		return nil
	})
	return seeded, err
}

// SaveService adds a service to the register, or replaces the one with
// its id.
func (s *SQLite) SaveService(ctx context.Context, svc chorus.Service) error {
	return s.SaveServices(ctx, []chorus.Service{svc})
}

// SaveServices saves many services in one transaction.
func (s *SQLite) SaveServices(ctx context.Context, services []chorus.Service) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, svc := range services {
			if err := putValue(ctx, tx, "services", svc, false); err != nil {
				return err
			}
		}
		return nil
	})
}

// RetireService marks a service as no longer in use.
func (s *SQLite) RetireService(ctx context.Context, id string, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return changeFound(ctx, tx, "services", id, "No service has the id "+id+".", func(d bson.D) bson.D { return set(d, "retiredAt", at) })
	})
}

// ServiceNames maps every service id in the register to its name.
func (s *SQLite) ServiceNames(ctx context.Context) (map[string]string, error) {
	services, err := s.Services(ctx)
	return serviceNames(services), err
}
