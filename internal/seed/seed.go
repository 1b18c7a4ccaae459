// Package seed holds the sample services register, made-up services that
// fill an empty register on first start.
package seed

import (
	_ "embed"
	"fmt"

	"gopkg.in/yaml.v3"

	"chorus/internal/chorus"
)

//go:embed services.yaml
var servicesYAML []byte

// Services returns the sample services.
func Services() ([]chorus.Service, error) {
	var out []chorus.Service
	if err := yaml.Unmarshal(servicesYAML, &out); err != nil {
		return nil, fmt.Errorf("reading the sample services: %w", err)
	}
	return out, nil
}
