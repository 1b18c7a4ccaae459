package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
)

// SaveFormVersion records a version of a form the first time the server
// sees it. The same version with other content is ECONFLICT: a changed form
// needs a new version, or responses filled on the old one would be checked
// against rules they were never shown.
func (s *Mongo) SaveFormVersion(ctx context.Context, v FormVersion) error {
	v.Key = v.FormID + "@" + v.Version
	_, err := s.forms.InsertOne(ctx, v)
	if err == nil {
		return nil
	}
	if !mongo.IsDuplicateKeyError(err) {
		return wrap(err)
	}
	var stored FormVersion
	if err := s.forms.FindOne(ctx, bson.D{{Key: "_id", Value: v.Key}}).Decode(&stored); err != nil {
		return wrap(err)
	}
	return versionConflict(v, stored)
}

// versionConflict is ECONFLICT when v is a stored version with other
// content: responses filled on the old one would be checked against rules
// they were never shown.
func versionConflict(v, stored FormVersion) error {
	if stored.Fingerprint != v.Fingerprint {
		return chorus.Errorf(chorus.ECONFLICT,
			"form %q version %q has changed since it was first used (on %s): give the changed form a new version",
			v.FormID, v.Version, stored.FirstSeenAt.Format(time.DateOnly))
	}
	return nil
}

// FormVersions returns every stored version of every form. Forms are few,
// so this reads them all.
func (s *Mongo) FormVersions(ctx context.Context) ([]FormVersion, error) {
	cur, err := s.forms.Find(ctx, bson.D{})
	if err != nil {
		return nil, wrap(err)
	}
	var out []FormVersion
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// Services returns the services register.
func (s *Mongo) Services(ctx context.Context) ([]chorus.Service, error) {
	cur, err := s.services.Find(ctx, bson.D{})
	if err != nil {
		return nil, wrap(err)
	}
	out := []chorus.Service{}
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// SeedServices fills an empty register with the given services. A register
// that holds anything is left as it is.
func (s *Mongo) SeedServices(ctx context.Context, services []chorus.Service) (bool, error) {
	err := s.services.FindOne(ctx, bson.D{}).Err()
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return false, wrap(err)
	}
	docs := make([]any, len(services))
	for i := range services {
		docs[i] = services[i]
	}
	if _, err := s.services.InsertMany(ctx, docs); err != nil {
		return false, fmt.Errorf("seeding the services register: %w", wrap(err))
	}
	return true, nil
}

// SaveService adds a service to the register, or replaces the one with
// its id.
func (s *Mongo) SaveService(ctx context.Context, svc chorus.Service) error {
	_, err := s.services.ReplaceOne(ctx, bson.D{{Key: "_id", Value: svc.ID}}, svc, options.Replace().SetUpsert(true))
	return wrap(err)
}

// RetireService marks a service as no longer in use: it leaves the list
// phones choose from, and keeps its visits.
func (s *Mongo) RetireService(ctx context.Context, id string, at time.Time) error {
	return updateFound(ctx, s.services, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "retiredAt", Value: at}}}}, "No service has the id "+id+".")
}

// SaveServices saves many services, each added or replaced by id.
func (s *Mongo) SaveServices(ctx context.Context, services []chorus.Service) error {
	for _, svc := range services {
		if err := s.SaveService(ctx, svc); err != nil {
			return err
		}
	}
	return nil
}

// ServiceNames maps every service id in the register to its name.
func (s *Mongo) ServiceNames(ctx context.Context) (map[string]string, error) {
	services, err := s.Services(ctx)
	return serviceNames(services), err
}

// serviceNames maps service ids to names.
func serviceNames(services []chorus.Service) map[string]string {
	names := make(map[string]string, len(services))
	for _, sv := range services {
		names[sv.ID] = sv.Name
	}
	return names
}
