package main

import (
	"context"
	"fmt"
	"github.com/cdnkit/cdnkit/device"
	"io"
	"math"
)

func init() { step("device", tourDevice) }

// tourDevice runs the paper's three-user demo with both baselines, with and without

// cooperation, and prints the welfare gain of cooperation beside the paper's demo figure.

func tourDevice(w io.Writer) error {
	policies := []struct {
		name string
		mk   func() device.Policy
	}{
		{"buffer-based", func() device.Policy { return &device.BufferBased{Owner: device.DefaultOwnerRule()} }},
		{"channel-prediction", func() device.Policy { return &device.ChannelPrediction{Owner: device.DefaultOwnerRule()} }},
	}
	coop := device.DemoScenario()
	alone := device.DemoScenario().WithMobility(device.NoCooperation(3))
	for _, p := range policies {
		with, err := device.Simulate(context.Background(), coop, p.mk(), nil)
		if err != nil {
			return err
		}
		without, err := device.Simulate(context.Background(), alone, p.mk(), nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "device: demo %-18s cooperative: welfare %.4g, bitrate %.4g Mbps, stall %.4g s\n",
			p.name, with.Welfare, with.AvgBitrate, with.Stall)
		fmt.Fprintf(w, "device: demo %-18s alone:       welfare %.4g, bitrate %.4g Mbps, stall %.4g s\n",
			p.name, without.Welfare, without.AvgBitrate, without.Stall)
		gain := 100 * (with.Welfare - without.Welfare) / math.Max(math.Abs(without.Welfare), 1e-12)
		fmt.Fprintf(w, "device: demo %-18s welfare gain of cooperation %+.4g %% (paper's demo, with its online mechanism: +50.9 %%)\n",
			p.name, gain)
	}
	return nil
}
